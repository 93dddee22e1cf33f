import { describe, expect, it } from 'vitest';
import { loginPath, matchRoute, withUid } from './router.ts';

const route = (path: string, query = '') => matchRoute(path, new URLSearchParams(query));

describe('portal routes', () => {
  it('opens the user center at /account (with or without a trailing slash)', () => {
    expect(route('/account')).toEqual({ page: 'account' });
    expect(route('/account/')).toEqual({ page: 'account' });
    expect(route('/account', 'uid=abc')).toEqual({ page: 'account' });
  });

  it('leaves the server-side /account/callback and other sub-paths to the server (not found in the SPA)', () => {
    expect(route('/account/callback')).toEqual({ page: 'notFound' });
    expect(route('/accounts')).toEqual({ page: 'notFound' });
  });

  it('keeps the login routes: / (portal login), /interaction/:uid, and the pages that carry the uid', () => {
    expect(route('/')).toEqual({ page: 'login', uid: null });
    expect(route('/interaction/Abc_123-x')).toEqual({ page: 'login', uid: 'Abc_123-x' });
    expect(route('/interaction/bad%20uid')).toEqual({ page: 'notFound' });
    expect(route('/interaction/Abc_123-x/consent')).toEqual({ page: 'consent', uid: 'Abc_123-x' });
    expect(route('/interaction/bad%20uid/consent')).toEqual({ page: 'notFound' });
    expect(route('/interaction/u1/other')).toEqual({ page: 'notFound' });
    expect(route('/register', 'uid=u1')).toEqual({ page: 'register', uid: 'u1' });
    expect(route('/forgot-password', 'uid=<x>')).toEqual({ page: 'forgot', uid: null });
    expect(loginPath(null)).toBe('/');
    expect(loginPath('u1')).toBe('/interaction/u1');
    expect(withUid('/register', 'u1')).toBe('/register?uid=u1');
  });
});
