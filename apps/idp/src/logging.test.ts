import { describe, expect, it } from 'vitest';
import { loggedPath } from './logging.ts';

describe('the path a request is logged under', () => {
  it.each([
    ['/app/qr/AbC_-12?from=camera', '/app/qr/:id'],
    ['/app/qr/AbC_-12/', '/app/qr/:id/'],
    ['/app/api/qr/AbC_-12/scan', '/app/api/qr/:id/scan'],
    ['/app/api/qr/AbC_-12', '/app/api/qr/:id'],
    ['/interaction/u1/qr/AbC_-12/events', '/interaction/u1/qr/:id/events'],
    ['/interaction/u1/qr/not%20an%20id/complete', '/interaction/u1/qr/:id/complete'],
  ])('hides the QR id of %s', (url, logged) => {
    expect(loggedPath(url)).toBe(logged);
  });

  it.each([
    ['/interaction/u1/qr', '/interaction/u1/qr'],
    ['/app/qr/', '/app/qr/'],
    ['/app/api/me?x=1', '/app/api/me'],
    ['/interaction/qr/login', '/interaction/qr/login'],
  ])('leaves %s without one as it is (no query)', (url, logged) => {
    expect(loggedPath(url)).toBe(logged);
  });
});
