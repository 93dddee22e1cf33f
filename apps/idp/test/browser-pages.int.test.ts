import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error -- the build's own script (plain JavaScript, no types)
import { compressAssets } from '../../../scripts/compress-assets.mjs';
import { startTestPlatform, type TestPlatform } from './harness.ts';

/** A request as a browser or an API client sends it, the body left as it came (no decoding). */
function rawGet(baseUrl: string, path: string, headers: Record<string, string>) {
  const { hostname, port } = new URL(baseUrl);
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
    request({ hostname, port, path, method: 'GET', headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
    })
      .on('error', reject)
      .end();
  });
}

const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8';
const BUNDLE = 'index-Ab12Cd34.js';
const bundleSource = `export const pages = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => `页面${i}`))};\n`;

let t: TestPlatform;
let dist: string;

beforeAll(async () => {
  // A built portal of our own, so the test does not depend on `npm run build` having run; the console serves the same build.
  dist = mkdtempSync(join(tmpdir(), 'uia-portal-dist-'));
  mkdirSync(join(dist, 'assets'));
  writeFileSync(join(dist, 'index.html'), '<!doctype html><html lang="zh-CN"><body><div id="root"><div class="boot" id="uia-boot">正在加载</div></div></body></html>');
  writeFileSync(join(dist, 'assets', BUNDLE), bundleSource);
  compressAssets(join(dist, 'assets'));
  t = await startTestPlatform({ paths: { portalDistDir: dist, appDistDir: join(dist, 'no-app'), consoleDistDir: dist, staticDir: fileURLToPath(new URL('../static', import.meta.url)) } });
});

afterAll(async () => {
  await t?.stop();
  rmSync(dist, { recursive: true, force: true });
});

describe('pages for browsers', () => {
  it('answer an unknown page with an HTML 404 in the portal’s frame, with a way home', async () => {
    const response = await rawGet(t.baseUrl, '/no-such-page?from=link', { accept: BROWSER_ACCEPT });
    expect(response.status).toBe(404);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    const html = response.body.toString('utf8');
    expect(html).toContain('<html lang="zh-CN" data-mode="standard">');
    expect(html).toContain('<h1>页面不存在</h1>');
    expect(html).toContain('<a class="button primary" href="/">返回首页</a>');
    expect(html).toContain('class="site-header"');
    expect(html).not.toContain('NOT_FOUND');
  });

  it('show the 404 in 关怀模式 to a browser whose switch chose it (its cookie)', async () => {
    for (const [cookie, mode] of [
      ['uia_care_mode=on', 'care'],
      ['other=1; uia_care_mode=on', 'care'],
      ['uia_care_mode=off', 'standard'],
      ['no_uia_care_mode=on', 'standard'],
    ] as const) {
      const response = await rawGet(t.baseUrl, '/no-such-page', { accept: BROWSER_ACCEPT, cookie });
      expect(response.body.toString('utf8')).toContain(`<html lang="zh-CN" data-mode="${mode}">`);
    }
  });

  it('keep JSON for the API and for clients that do not ask for HTML', async () => {
    const cases: Array<[string, Record<string, string>]> = [
      ['/no-such-page', { accept: 'application/json' }],
      ['/no-such-page', { accept: '*/*' }],
      ['/no-such-page', {}],
      ['/api/no-such-endpoint', { accept: BROWSER_ACCEPT }],
      ['/app/api/no-such-endpoint', { accept: BROWSER_ACCEPT }],
    ];
    for (const [path, headers] of cases) {
      const response = await rawGet(t.baseUrl, path, headers);
      expect({ path, headers, status: response.status, type: response.headers['content-type'], body: JSON.parse(response.body.toString('utf8')) }).toEqual({
        path,
        headers,
        status: 404,
        type: 'application/json; charset=utf-8',
        body: { error: { code: 'NOT_FOUND', message: '请求的资源不存在' } },
      });
    }
  });

  it('serve the shell revalidated each time (no-cache), with its 加载中 state', async () => {
    const response = await rawGet(t.baseUrl, '/', { accept: BROWSER_ACCEPT });
    expect(response.status).toBe(200);
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(response.body.toString('utf8')).toContain('id="uia-boot"');
  });
});

describe('hashed static files', () => {
  const original = () => readFileSync(join(dist, 'assets', BUNDLE));

  it('go out brotli- or gzip-compressed as the browser accepts, from the files the build wrote, cached for a year', async () => {
    const br = await rawGet(t.baseUrl, `/assets/${BUNDLE}`, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.headers['content-type']).toMatch(/^text\/javascript|^application\/javascript/);
    expect(br.body.length).toBeLessThan(original().length / 3);
    expect(brotliDecompressSync(br.body).equals(original())).toBe(true);

    const gzip = await rawGet(t.baseUrl, `/assets/${BUNDLE}`, { 'accept-encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gzip.headers.vary).toMatch(/accept-encoding/i);
    expect(gunzipSync(gzip.body).equals(original())).toBe(true);
  });

  it('go out as they are to a client that accepts no compression', async () => {
    const plain = await rawGet(t.baseUrl, `/assets/${BUNDLE}`, {});
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toMatch(/accept-encoding/i);
    expect(plain.body.equals(original())).toBe(true);
  });
});

describe('the operator console (apps/console) at /console/', () => {
  it('answers its pages with the shell (no-cache) and any other path below it with the shell as a 404', async () => {
    for (const path of ['/console/', '/console/clients', '/console/health', '/console/accounts', '/console/roles', '/console/audit']) {
      const page = await rawGet(t.baseUrl, path, { accept: BROWSER_ACCEPT });
      expect({ path, status: page.status, cache: page.headers['cache-control'] }).toEqual({ path, status: 200, cache: 'no-cache' });
      expect(page.body.toString('utf8')).toContain('id="uia-boot"');
    }
    const unknown = await rawGet(t.baseUrl, '/console/no-such-page', { accept: BROWSER_ACCEPT });
    expect(unknown.status).toBe(404);
    expect(unknown.body.toString('utf8')).toContain('id="uia-boot"');
    const bare = await rawGet(t.baseUrl, '/console', { accept: BROWSER_ACCEPT });
    expect({ status: bare.status, location: bare.headers.location }).toEqual({ status: 302, location: '/console/' });
  });

  it('serves its hashed bundles precompressed and immutable', async () => {
    const br = await rawGet(t.baseUrl, `/console/assets/${BUNDLE}`, { 'accept-encoding': 'br' });
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(brotliDecompressSync(br.body).equals(readFileSync(join(dist, 'assets', BUNDLE)))).toBe(true);
  });

  it('leaves its login routes and the console API to their own handlers', async () => {
    const start = await rawGet(t.baseUrl, '/console/login/start', { accept: BROWSER_ACCEPT });
    expect(start.status).toBe(303);
    const me = await rawGet(t.baseUrl, '/api/console/me', { accept: 'application/json' });
    expect({ status: me.status, code: (JSON.parse(me.body.toString('utf8')) as { error: { code: string } }).error.code }).toEqual({ status: 401, code: 'CONSOLE_LOGIN_REQUIRED' });
  });
});
