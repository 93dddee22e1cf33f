import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { expectNothingDisclosed } from '../../../../test/support/error-disclosure.ts';
import { VendorCallError } from '../../../ports/vendor-call-error.ts';
import { recordedVendorCalls } from '../../../../test/support/recorded-vendor-calls.ts';
import { exchangeTestHandler } from '../../../../test/support/exchange-test-server.ts';
import { startVendorTestServer, type ReceivedRequest, type VendorAnswer, type VendorTestServer } from '../../../../test/support/vendor-test-server.ts';
import { EXCHANGE_ERROR_KINDS, exchangeFailureKind } from './exchange-error-codes.ts';
import { ExchangeBusinessRegistry, type ExchangeRegistryConfig } from './exchange-business-registry.ts';

const APP = { id: 'uia-idp', secret: 'the-app-secret-issued-by-the-exchange' };
const ID_HASH_KEY = Buffer.from('a shared key for ID number hashes, 32B');
const ZHANG = { name: '张三', idType: 'resident_id', idNumber: '11010519491231002X' };
const TECH = { uscc: '91110105MA01XH3R44', name: '北京演示科技有限公司' };

const hmacOf = (idNumber: string) => createHmac('sha256', ID_HASH_KEY).update(idNumber).digest('hex');

describe('ExchangeBusinessRegistry against a server implementing docs/business-registry-exchange.md', () => {
  let server: VendorTestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  async function fakeExchange(entities: Record<string, unknown>, override?: (request: ReceivedRequest) => VendorAnswer | null) {
    const answer = exchangeTestHandler({ appId: APP.id, secret: APP.secret, path: '/api/v1/entities/lookup', entities });
    server = await startVendorTestServer((request) => override?.(request) ?? answer(request));
    return server;
  }
  const registry = (url: string, overrides: Partial<ExchangeRegistryConfig> = {}, deps: { now?: () => number; nonce?: () => string } = {}) => {
    const metrics = recordedVendorCalls();
    const config: ExchangeRegistryConfig = { baseUrl: `${url}/api/v1/`, appId: APP.id, appSecret: APP.secret, idNumberHashKey: ID_HASH_KEY, timeoutMs: 2000, ...overrides };
    return { metrics, exchange: new ExchangeBusinessRegistry(config, { metrics, ...deps }) };
  };
  const failure = (promise: Promise<unknown>) =>
    promise.then(
      () => null,
      (error: unknown) => error as VendorCallError,
    );

  it('finds an operating entity whose representative comes in clear; the request passes every check and is counted', async () => {
    const fake = await fakeExchange({ [TECH.uscc]: { ...TECH, status: '存续', legalRepresentative: ZHANG } });
    const { exchange, metrics } = registry(fake.url);
    const entity = await exchange.lookup(TECH.uscc);
    expect(entity).toMatchObject({ ...TECH, legalRepresentative: { name: '张三', idType: 'resident_id' } });
    expect(entity!.legalRepresentative.hasIdNumber(ZHANG.idNumber)).toBe(true);
    expect(entity!.legalRepresentative.hasIdNumber('110105194912310038')).toBe(false);
    expect(metrics.calls).toEqual([{ vendor: 'exchange', api: 'entities/lookup', outcome: 'ok' }]);
  });

  it('compares the person with an idNumberHmac (letters upper-cased) when the exchange gives no clear number', async () => {
    const fake = await fakeExchange({ [TECH.uscc]: { ...TECH, status: '在业', legalRepresentative: { name: '张三', idType: 'resident_id', idNumberHmac: hmacOf(ZHANG.idNumber) } } });
    const entity = await registry(fake.url).exchange.lookup(TECH.uscc);
    expect(entity!.legalRepresentative.hasIdNumber(ZHANG.idNumber)).toBe(true);
    expect(entity!.legalRepresentative.hasIdNumber(ZHANG.idNumber.toLowerCase())).toBe(true);
    expect(entity!.legalRepresentative.hasIdNumber('110105194912310038')).toBe(false);
    // Without the shared key the hash cannot be compared: an operator must configure it.
    expect(await failure(registry(fake.url, { idNumberHashKey: null }).exchange.lookup(TECH.uscc))).toMatchObject({ kind: 'misconfigured', vendorCode: 'id_number_hash_key_missing' });
  });

  it.each(['吊销', '注销', '迁出'])('an entity with status %s is not registered for the platform', async (status) => {
    const fake = await fakeExchange({ [TECH.uscc]: { ...TECH, status, legalRepresentative: ZHANG } });
    expect(await registry(fake.url).exchange.lookup(TECH.uscc)).toBeNull();
  });

  it('{"found":false} is not registered', async () => {
    const fake = await fakeExchange({});
    expect(await registry(fake.url).exchange.lookup(TECH.uscc)).toBeNull();
  });

  it('the server refuses a wrong secret, an unknown app and a skewed clock: an operator must act', async () => {
    const fake = await fakeExchange({});
    expect(await failure(registry(fake.url, { appSecret: 'not-the-secret' }).exchange.lookup(TECH.uscc))).toMatchObject({ kind: 'misconfigured', vendorCode: 'BAD_SIGNATURE' });
    expect(await failure(registry(fake.url, { appId: 'someone-else' }).exchange.lookup(TECH.uscc))).toMatchObject({ kind: 'misconfigured', vendorCode: 'UNKNOWN_APP' });
    const skewed = registry(fake.url, {}, { now: () => Date.now() - 301_000 });
    expect(await failure(skewed.exchange.lookup(TECH.uscc))).toMatchObject({ kind: 'misconfigured', vendorCode: 'TIMESTAMP_SKEW' });
    expect(skewed.metrics.calls).toEqual([{ vendor: 'exchange', api: 'entities/lookup', outcome: 'misconfigured' }]);
  });

  it('a replayed nonce is refused; the one retry carries a fresh nonce and succeeds', async () => {
    const fake = await fakeExchange({});
    const nonces = ['0123456789abcdef0123456789abcdef', '0123456789abcdef0123456789abcdef', 'fedcba9876543210fedcba9876543210'];
    const { exchange, metrics } = registry(fake.url, {}, { nonce: () => nonces.shift()! });
    expect(await exchange.lookup(TECH.uscc)).toBeNull();
    expect(await exchange.lookup(TECH.uscc)).toBeNull();
    expect(metrics.calls.map((call) => call.outcome)).toEqual(['ok', 'unavailable', 'ok']);
    expect(fake.requests).toHaveLength(3);
  });

  it('retries once on a 5xx, then reports unavailable; RATE_LIMITED likewise', async () => {
    const fake = await fakeExchange({}, () => ({ status: 503, body: '<html>busy</html>', contentType: 'text/html' }));
    expect(await failure(registry(fake.url).exchange.lookup(TECH.uscc))).toMatchObject({ kind: 'unavailable', vendorCode: 'http_503' });
    expect(fake.requests).toHaveLength(2);
    await server!.close();
    const limited = await fakeExchange({}, () => ({ status: 429, body: JSON.stringify({ error: { code: 'RATE_LIMITED', message: '…' } }) }));
    expect(await failure(registry(limited.url).exchange.lookup(TECH.uscc))).toMatchObject({ kind: 'unavailable', vendorCode: 'RATE_LIMITED' });
    expect(limited.requests).toHaveLength(2);
  });

  it.each([
    ['an entity for another USCC', { found: true, entity: { ...TECH, uscc: '91310115MA03TD5W7R', status: '存续', legalRepresentative: ZHANG } }],
    ['a representative without an ID number', { found: true, entity: { ...TECH, status: '存续', legalRepresentative: { name: '张三', idType: 'resident_id' } } }],
    ['an unknown ID type', { found: true, entity: { ...TECH, status: '存续', legalRepresentative: { ...ZHANG, idType: '111' } } }],
    ['no "found"', { entity: {} }],
  ])('an answer outside the contract (%s) is unavailable', async (_, body) => {
    const fake = await fakeExchange({}, () => ({ status: 200, body: JSON.stringify(body) }));
    expect(await failure(registry(fake.url).exchange.lookup(TECH.uscc))).toMatchObject({ kind: 'unavailable', vendorCode: 'unexpected_answer' });
  });

  it('an unknown error code or status without a body needs an operator', async () => {
    const fake = await fakeExchange({}, () => ({ status: 403, body: JSON.stringify({ error: { code: 'SOMETHING_NEW', message: '…' } }) }));
    expect(await failure(registry(fake.url).exchange.lookup(TECH.uscc))).toMatchObject({ kind: 'misconfigured', vendorCode: 'SOMETHING_NEW' });
    await server!.close();
    const other = await fakeExchange({}, () => ({ status: 404, body: '{}' }));
    expect(await failure(registry(other.url).exchange.lookup(TECH.uscc))).toMatchObject({ kind: 'misconfigured', vendorCode: 'http_404' });
  });

  it('gives up after its timeout, without a retry', async () => {
    const fake = await fakeExchange({}, () => 'hang');
    const { exchange, metrics } = registry(fake.url, { timeoutMs: 200 });
    expect(await failure(exchange.lookup(TECH.uscc))).toMatchObject({ kind: 'timeout' });
    // One recorded call is one attempt.
    expect(metrics.calls.map((call) => call.outcome)).toEqual(['timeout']);
  });

  it('is reachable when the base URL answers anything (an unsigned GET), and not when nothing listens', async () => {
    const fake = await fakeExchange({});
    const { exchange } = registry(fake.url);
    await exchange.checkReachable();
    expect(fake.requests.map((request) => [request.method, request.path, request.headers['x-signature']])).toEqual([['GET', '/api/v1/', undefined]]);
    await server!.close();
    server = undefined;
    await expect(exchange.checkReachable()).rejects.toMatchObject({ kind: 'unavailable' });
  });

  it('never puts the secret or the representative into its errors', async () => {
    const fake = await fakeExchange({ [TECH.uscc]: { ...TECH, status: '存续', legalRepresentative: { name: '张三', idType: 'resident_id', idNumberHmac: hmacOf(ZHANG.idNumber) } } });
    const errors = [
      await failure(registry(fake.url, { appSecret: 'wrong-secret' }).exchange.lookup(TECH.uscc)),
      await failure(registry(fake.url, { idNumberHashKey: null }).exchange.lookup(TECH.uscc)),
    ];
    for (const error of errors) {
      expect(error).toBeInstanceOf(VendorCallError);
      expectNothingDisclosed(error, ['wrong-secret', APP.secret, '张三', hmacOf(ZHANG.idNumber)]);
    }
  });
});

describe('exchange error codes', () => {
  it('names the kinds; unknown codes need an operator', () => {
    expect(new Set(Object.values(EXCHANGE_ERROR_KINDS))).toEqual(new Set(['misconfigured', 'unavailable']));
    expect(exchangeFailureKind('WHATEVER')).toBe('misconfigured');
  });
});
