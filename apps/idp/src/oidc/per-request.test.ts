import { describe, expect, it } from 'vitest';
import { PerRequest } from './per-request.ts';

describe('PerRequest', () => {
  it('keeps a value for the request being served only, until it is taken', () => {
    const requests = { a: {}, b: {} };
    let current: object | undefined = requests.a;
    const value = new PerRequest<number>(() => current);
    expect(value.set(1)).toBe(true);
    current = requests.b;
    expect(value.get()).toBeUndefined();
    current = requests.a;
    expect(value.get()).toBe(1);
    expect(value.take()).toBe(1);
    expect(value.take()).toBeUndefined();
  });

  it('keeps nothing outside a request, and says so', () => {
    const serving: { request?: object } = {};
    const value = new PerRequest<number>(() => serving.request);
    expect(value.set(1)).toBe(false);
    expect(value.get()).toBeUndefined();
    serving.request = {};
    expect(value.get()).toBeUndefined();
  });
});
