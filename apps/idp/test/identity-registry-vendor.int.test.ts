import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, startTestPlatform, type TestPlatform } from './harness.ts';
import { newPerson, sendRegisterCode } from './registration-helpers.ts';
import { tencentSignatureProblems } from './support/vendor-signatures.ts';
import { startVendorTestServer, type VendorAnswer, type VendorTestServer } from './support/vendor-test-server.ts';

const KEYS = { AKIDPlatformTest0001: 'the-platform-test-secret-key' };
const result = (code: string): VendorAnswer => ({ status: 200, body: JSON.stringify({ Response: { Result: code, Description: '…', RequestId: 'r1' } }) });

/** 立即注册 with Tencent Cloud FaceID as the identity registry, played by a local server that checks every signature. */
describe('registration with a vendor identity registry (UIA_IDENTITY_PROVIDER=tencent)', () => {
  let vendor: VendorTestServer;
  let t: TestPlatform;
  let answer: VendorAnswer = result('0');
  const signatureProblems: string[][] = [];

  beforeAll(async () => {
    vendor = await startVendorTestServer((request) => {
      signatureProblems.push(tencentSignatureProblems(request, { service: 'faceid', keys: KEYS }));
      return answer;
    });
    t = await startTestPlatform({
      env: {
        UIA_IDENTITY_PROVIDER: 'tencent',
        UIA_IDENTITY_SECRET_ID: 'AKIDPlatformTest0001',
        UIA_IDENTITY_SECRET_KEY: KEYS.AKIDPlatformTest0001,
        UIA_IDENTITY_ENDPOINT: vendor.url,
        UIA_IDENTITY_TIMEOUT_MS: '1500',
      },
    });
  });
  afterAll(async () => {
    await t?.stop();
    await vendor?.close();
  });

  async function attempt(browser: Browser, person: ReturnType<typeof newPerson>, smsCode: string) {
    return browser.json('/api/register', { json: { ...person, smsCode, agreeTerms: true } });
  }

  it('registers when the vendor confirms; a mismatch is REALNAME_MISMATCH; calls are counted in /metrics without personal data', async () => {
    const browser = new Browser(t.baseUrl);
    const person = newPerson();
    await sendRegisterCode(browser, person.phone);
    answer = result('-1');
    expect(await attempt(browser, person, await browser.latestSmsCode(person.phone))).toMatchObject({ status: 422, body: { error: { code: 'REALNAME_MISMATCH' } } });
    answer = result('0');
    expect(await attempt(browser, person, await browser.latestSmsCode(person.phone))).toMatchObject({ status: 201, body: { assuranceLevel: 'L2' } });
    expect(signatureProblems.every((problems) => problems.length === 0)).toBe(true);

    const metrics = await (await fetch(`${t.baseUrl}/metrics`)).text();
    expect(metrics).toContain('uia_vendor_calls_total{vendor="tencent",api="IdCardVerification",outcome="ok"} 2');
    for (const personal of [person.name, person.idNumber, person.phone]) expect(metrics).not.toContain(personal);
  });

  it('answers 503 REALNAME_UNAVAILABLE when the vendor does not answer in time, and the same SMS code works once it is back', async () => {
    const browser = new Browser(t.baseUrl);
    const person = newPerson();
    await sendRegisterCode(browser, person.phone);
    const smsCode = await browser.latestSmsCode(person.phone);
    answer = 'hang';
    expect(await attempt(browser, person, smsCode)).toMatchObject({ status: 503, body: { error: { code: 'REALNAME_UNAVAILABLE', message: '实名核验服务暂不可用，请稍后再试', retryable: true } } });
    answer = result('0');
    expect(await attempt(browser, person, smsCode)).toMatchObject({ status: 201 });
    const events = await t.platform.audit.recent(20);
    expect(events.find((event) => event.type === 'account.register' && event.detail?.reason === 'REALNAME_UNAVAILABLE')?.detail).toEqual({
      reason: 'REALNAME_UNAVAILABLE',
      vendorFailure: 'timeout',
      vendorCode: 'timeout',
    });
  });
});
