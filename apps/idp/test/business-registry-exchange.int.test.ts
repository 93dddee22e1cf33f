import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, startTestPlatform, type TestPlatform } from './harness.ts';
import { exchangeTestHandler } from './support/exchange-test-server.ts';
import { startVendorTestServer, type VendorAnswer, type VendorTestServer } from './support/vendor-test-server.ts';
import { account, userCenterLogin } from './user-center-helpers.ts';

const APP = { id: 'uia-idp', secret: 'exchange-signing-secret-of-the-test' };
const ID_HASH_KEY = Buffer.alloc(32, 9);
const ZHANGSAN = { name: '张三', idType: 'resident_id', idNumber: '11010519491231002X' };
const hashed = { name: ZHANGSAN.name, idType: ZHANGSAN.idType, idNumberHmac: createHmac('sha256', ID_HASH_KEY).update(ZHANGSAN.idNumber).digest('hex') };
const EDU_CONSULTING = { uscc: '91110108MA02PL8K7Q', name: '北京演示教育咨询有限公司' };
const SHANGHAI_TRADING = { uscc: '91310115MA03TD5W7R', name: '上海演示贸易有限公司' };

/** 注册单位 with the business registry behind the city's exchange (UIA_BUSINESS_REGISTRY=exchange), played by a server implementing the contract. */
describe('注册单位 through the data-sharing exchange', () => {
  let exchange: VendorTestServer;
  let t: TestPlatform;
  let outage: VendorAnswer | null = null;
  let zhangsan: Browser;

  beforeAll(async () => {
    const handler = exchangeTestHandler({
      appId: APP.id,
      secret: APP.secret,
      path: '/api/v1/entities/lookup',
      entities: {
        // The exchange gives this representative's ID number only as a keyed hash.
        [EDU_CONSULTING.uscc]: { ...EDU_CONSULTING, status: '存续', legalRepresentative: hashed },
        [SHANGHAI_TRADING.uscc]: { ...SHANGHAI_TRADING, status: '吊销', legalRepresentative: ZHANGSAN },
      },
    });
    exchange = await startVendorTestServer((request) => outage ?? handler(request));
    t = await startTestPlatform({
      env: {
        UIA_BUSINESS_REGISTRY: 'exchange',
        UIA_BUSINESS_REGISTRY_URL: `${exchange.url}/api/v1`,
        UIA_BUSINESS_REGISTRY_APP_ID: APP.id,
        UIA_BUSINESS_REGISTRY_SECRET: APP.secret,
        UIA_BUSINESS_REGISTRY_ID_HASH_KEY: ID_HASH_KEY.toString('base64'),
      },
    });
    zhangsan = new Browser(t.baseUrl);
    await userCenterLogin(zhangsan, 'zhangsan', 'Demo@2026pw');
  });
  afterAll(async () => {
    await t?.stop();
    await exchange?.close();
  });

  it('registers an entity whose representative the exchange names by a keyed hash of the ID number', async () => {
    const answer = await account.register(zhangsan, EDU_CONSULTING);
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ entity: { ...EDU_CONSULTING, role: 'legal_representative' } });
  });

  it('refuses an entity the exchange lists as 吊销: not registered (404 ENTITY_NOT_IN_REGISTRY)', async () => {
    expect(await account.register(zhangsan, SHANGHAI_TRADING)).toMatchObject({ status: 404, body: { error: { code: 'ENTITY_NOT_IN_REGISTRY', field: 'uscc' } } });
  });

  it('answers 503 ENTITY_REGISTRY_UNAVAILABLE while the exchange is down; every call is counted without personal data', async () => {
    outage = { status: 503, body: JSON.stringify({ error: { code: 'UNAVAILABLE', message: '…' } }) };
    try {
      expect(await account.register(zhangsan, SHANGHAI_TRADING)).toMatchObject({ status: 503, body: { error: { code: 'ENTITY_REGISTRY_UNAVAILABLE', retryable: true } } });
    } finally {
      outage = null;
    }
    const metrics = await (await fetch(`${t.baseUrl}/metrics`)).text();
    expect(metrics).toContain('uia_vendor_calls_total{vendor="exchange",api="entities/lookup",outcome="ok"} 2');
    expect(metrics).toContain('uia_vendor_calls_total{vendor="exchange",api="entities/lookup",outcome="unavailable"} 2');
    for (const personal of [ZHANGSAN.name, ZHANGSAN.idNumber, hashed.idNumberHmac]) expect(metrics).not.toContain(personal);
  });
});
