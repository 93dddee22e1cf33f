import { describe, expect, it } from 'vitest';
import { RequestLookAhead } from './request-look-ahead.ts';

describe('RequestLookAhead', () => {
  const requests = { a: {}, b: {} };
  let current: object | undefined = requests.a;
  const lookAhead = new RequestLookAhead<object>(() => current);

  it('answers a look-up of the same request once', () => {
    current = requests.a;
    lookAhead.keep('Grant:g1', { jti: 'g1' });
    expect(lookAhead.take('Grant:g1')).toEqual({ jti: 'g1' });
    expect(lookAhead.take('Grant:g1')).toBeUndefined();
  });

  it('keeps what one request read ahead from every other request', () => {
    current = requests.a;
    lookAhead.keep('Grant:g2', { jti: 'g2' });
    current = requests.b;
    expect(lookAhead.take('Grant:g2')).toBeUndefined();
    current = undefined;
    expect(lookAhead.take('Grant:g2')).toBeUndefined();
    current = requests.a;
    expect(lookAhead.take('Grant:g2')).toEqual({ jti: 'g2' });
  });

  it('drops what a request read ahead when it writes', () => {
    current = requests.a;
    lookAhead.keep('Grant:g3', { jti: 'g3' });
    lookAhead.keep('Session:uid:u3', { uid: 'u3' });
    lookAhead.forget();
    expect(lookAhead.take('Grant:g3')).toBeUndefined();
    expect(lookAhead.take('Session:uid:u3')).toBeUndefined();
  });

  it('keeps nothing outside a request', () => {
    current = undefined;
    lookAhead.keep('Grant:g4', { jti: 'g4' });
    current = requests.a;
    expect(lookAhead.take('Grant:g4')).toBeUndefined();
  });
});
