import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { repositoryRoot } from './server-process.ts';

export interface BundleSize {
  app: string;
  files: number;
  rawKb: number;
  gzipKb: number;
  brotliKb: number;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** What a browser downloads of a built SPA (its JavaScript, CSS and HTML), raw and as gzip -9 / brotli 11 would send it. */
export function bundleSize(app: string): BundleSize {
  const files = filesUnder(join(repositoryRoot, 'apps', app, 'dist')).filter((path) => /\.(js|css|html)$/.test(path));
  const sum = (size: (content: Buffer) => number) => files.reduce((total, path) => total + size(readFileSync(path)), 0) / 1024;
  return {
    app,
    files: files.length,
    rawKb: sum((content) => content.length),
    gzipKb: sum((content) => gzipSync(content, { level: 9 }).length),
    brotliKb: sum((content) => brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length),
  };
}
