import { describe, expect, it } from 'vitest';
import { cleanNext, loginPath, matchRoute, qrIdFromScan } from './router.ts';

const ORIGIN = 'https://id.example.gov.test';
const route = (path: string, query = '') => matchRoute(path, new URLSearchParams(query));

describe('app routes under /app/', () => {
  it('knows every page, with or without a trailing slash', () => {
    expect(route('/app/')).toEqual({ page: 'home' });
    expect(route('/app')).toEqual({ page: 'home' });
    expect(route('/app/login')).toEqual({ page: 'login', next: null });
    expect(route('/app/login/sms/')).toEqual({ page: 'smsLogin', next: null });
    expect(route('/app/scan')).toEqual({ page: 'scan' });
    expect(route('/app/me')).toEqual({ page: 'me' });
    expect(route('/app/settings')).toEqual({ page: 'settings' });
    expect(route('/app/phone')).toEqual({ page: 'phone' });
    expect(route('/app/qr/q_AbC-123')).toEqual({ page: 'qr', id: 'q_AbC-123' });
    expect(route('/app/elsewhere')).toEqual({ page: 'notFound' });
  });

  it('refuses QR ids that are not URL-safe tokens', () => {
    expect(route('/app/qr/a%2Fb')).toEqual({ page: 'notFound' });
    expect(route('/app/qr/%E0%A4%A')).toEqual({ page: 'notFound' });
    expect(route(`/app/qr/${'x'.repeat(129)}`)).toEqual({ page: 'notFound' });
  });

  it('returns after login only to an app page, never elsewhere', () => {
    expect(route('/app/login', 'next=/app/qr/abc')).toEqual({ page: 'login', next: '/app/qr/abc' });
    expect(cleanNext('/app/me')).toBe('/app/me');
    for (const bad of ['https://evil.test/app/me', '//evil.test/app/me', '/app//evil.test', '/elsewhere', '/app/login', '/app/nowhere', 'javascript:alert(1)']) {
      expect(cleanNext(bad)).toBeNull();
    }
    expect(loginPath('/app/qr/abc')).toBe('/app/login?next=%2Fapp%2Fqr%2Fabc');
    expect(loginPath('/app/qr/abc', true)).toBe('/app/login/sms?next=%2Fapp%2Fqr%2Fabc');
  });
});

describe('扫一扫: which scanned texts open 确认登录', () => {
  it('accepts this origin’s /app/qr/<id> only', () => {
    expect(qrIdFromScan(`${ORIGIN}/app/qr/Zx_9-a`, ORIGIN)).toBe('Zx_9-a');
    expect(qrIdFromScan(`  ${ORIGIN}/app/qr/Zx_9-a/ `, ORIGIN)).toBe('Zx_9-a');
    expect(qrIdFromScan(`${ORIGIN}/app/qr/abc?x=1#y`, ORIGIN)).toBe('abc');
  });

  it('refuses other sites, look-alike hosts, other paths and plain text', () => {
    for (const text of [
      'https://evil.test/app/qr/abc',
      'https://id.example.gov.test.evil.test/app/qr/abc',
      'http://id.example.gov.test/app/qr/abc',
      `https://user:pw@id.example.gov.test/app/qr/abc`,
      `${ORIGIN}/interaction/abc`,
      `${ORIGIN}/app/qr/`,
      `${ORIGIN}/app/qr/a/b`,
      `${ORIGIN}/app/qr/a%2Fb`,
      '/app/qr/abc',
      'abc',
      '',
    ]) {
      expect(qrIdFromScan(text, ORIGIN), text).toBeNull();
    }
  });
});
