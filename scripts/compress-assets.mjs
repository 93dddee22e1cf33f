// Precompresses a build's hashed files (`npm run build` runs it on apps/portal/dist/assets and
// apps/app/dist/assets): next to each text file, `<name>.br` (brotli, best) and `<name>.gz` (gzip, best),
// which the idp serves by Accept-Encoding (@fastify/static `preCompressed`), so no request pays for
// compression and the smallest form goes out. Files under 1 KiB, and variants that would not be
// smaller, are left out: the server then sends the file as it is.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const COMPRESSIBLE = /\.(?:js|mjs|css|svg|json|webmanifest|html|txt|map)$/;
const MIN_BYTES = 1024;

/** Writes the .br and .gz of every compressible file in `dir` (recursively); returns what it wrote. */
export function compressAssets(dir) {
  const written = [];
  for (const name of readdirSync(dir)) {
    const file = join(dir, name);
    if (statSync(file).isDirectory()) {
      written.push(...compressAssets(file));
      continue;
    }
    if (!COMPRESSIBLE.test(name)) continue;
    const data = readFileSync(file);
    if (data.length < MIN_BYTES) continue;
    const variants = {
      br: brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: data.length } }),
      gz: gzipSync(data, { level: 9 }),
    };
    for (const [extension, compressed] of Object.entries(variants)) {
      if (compressed.length >= data.length) continue;
      writeFileSync(`${file}.${extension}`, compressed);
      written.push({ file: `${file}.${extension}`, bytes: compressed.length, original: data.length });
    }
  }
  return written;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const dir of process.argv.slice(2)) {
    const written = compressAssets(dir);
    const sum = (extension, key) => written.filter((w) => w.file.endsWith(extension)).reduce((total, w) => total + w[key], 0);
    console.log(`${dir}: ${written.length} precompressed files; br ${sum('.br', 'bytes')} B, gzip ${sum('.gz', 'bytes')} B of ${sum('.gz', 'original')} B`);
  }
}
