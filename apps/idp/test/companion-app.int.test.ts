import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, startTestPlatform, type TestPlatform } from './harness.ts';

/**
 * The companion app as GET /api/site tells the UIs (docs/configuration.md § 手机App):
 * its name (UIA_APP_NAME), the web app under PUBLIC_URL, a native app's store
 * pages only where configured; and the QR code of the web app's address.
 */
let plain: TestPlatform;
let city: TestPlatform;

const STORES = { UIA_APP_IOS_URL: 'https://apps.apple.com/cn/app/id1234567890', UIA_APP_ANDROID_URL: 'https://app.example.gov.cn/android' };

beforeAll(async () => {
  plain = await startTestPlatform();
  city = await startTestPlatform({ env: { UIA_APP_NAME: '某市通', ...STORES } });
});
afterAll(async () => {
  await plain?.stop();
  await city?.stop();
});

describe('the companion app in /api/site', () => {
  it('names the default app and its web app under PUBLIC_URL, without store links', async () => {
    const { body } = await new Browser(plain.baseUrl).json('/api/site');
    expect(body.companionApp).toEqual({ name: '统一认证', webUrl: `${plain.baseUrl}/app/` });
  });

  it('names the configured app and its store pages', async () => {
    const { body } = await new Browser(city.baseUrl).json('/api/site');
    expect(body.companionApp).toEqual({ name: '某市通', webUrl: `${city.baseUrl}/app/`, iosUrl: STORES.UIA_APP_IOS_URL, androidUrl: STORES.UIA_APP_ANDROID_URL });
  });

  it('serves the QR code of the web app as a cacheable SVG', async () => {
    const response = await new Browser(city.baseUrl).request('/api/site/app-qr.svg');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('public, max-age=86400');
    expect(await response.text()).toMatch(/^<svg [^>]*viewBox="0 0 \d+ \d+"/);
  });
});
