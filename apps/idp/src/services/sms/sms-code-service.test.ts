import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors.ts';
import { RateLimiter } from '../rate-limit/rate-limiter.ts';
import { beijingDay } from '../beijing-time.ts';
import { SMS_CODE_POLICY, SmsCodeService } from './sms-code-service.ts';
import type { SmsChannelFailure } from './sms-delivery.ts';
import { testKit } from '../../../test/support/sms-test-kit.ts';

const PHONE = '13912345678';
const context = { ip: '203.0.113.7', userAgent: 'vitest' };

function setup(start = '2026-11-26T10:00:00+08:00') {
  const kit = testKit(start);
  const failures: SmsChannelFailure[] = [];
  const service = new SmsCodeService({
    store: kit.store,
    sender: kit.sender,
    cipher: kit.cipher,
    rateLimiter: new RateLimiter(kit.store),
    audit: kit.audit,
    platformName: '统一身份认证平台（演示）',
    onChannelError: (failure) => failures.push(failure),
    now: kit.clock.now,
  });
  return { ...kit, service, failures };
}

/** The AppError a promise rejects with. */
async function appError(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

describe('SmsCodeService.send', () => {
  it('sends a 6-digit code with the purpose as template and the platform name as sign', async () => {
    const { service, sender, audit } = setup();
    expect(await service.send(PHONE, 'register', context)).toEqual({ resendAfter: 60, expiresIn: 300 });
    const [message] = sender.sent;
    expect(message).toMatchObject({ to: PHONE, template: 'register', params: { code: expect.stringMatching(/^\d{6}$/) } });
    expect(message!.text).toBe(`【统一身份认证平台（演示）】您正在注册账号，验证码为${message!.params.code}，5分钟内有效。如非本人操作，请忽略本短信。`);
    expect(audit.events).toEqual([expect.objectContaining({ type: 'sms.send', outcome: 'success', detail: expect.objectContaining({ template: 'register' }) })]);
    expect(JSON.stringify(audit.events)).not.toContain(PHONE);
  });

  it('a failed send answers a retryable SMS_SEND_FAILED and costs neither the resend interval nor the daily quota', async () => {
    const { service, sender, clock, audit } = setup();
    sender.failure = 'unavailable';
    for (let i = 0; i < 3; i += 1) {
      const error = await appError(service.send(PHONE, 'register', context));
      expect(error).toMatchObject({ code: 'SMS_SEND_FAILED', status: 503, field: 'phone' });
      expect(error.toBody().error).toMatchObject({ code: 'SMS_SEND_FAILED', retryable: true });
    }
    expect(audit.events.map((event) => [event.outcome, event.detail?.kind])).toEqual([
      ['failure', 'unavailable'],
      ['failure', 'unavailable'],
      ['failure', 'unavailable'],
    ]);

    sender.failure = null;
    for (let i = 0; i < SMS_CODE_POLICY.dailyPerPhone; i += 1) {
      await service.send(PHONE, 'register', context); // the first right after the failures: no wait
      clock.advance(SMS_CODE_POLICY.resendSeconds);
    }
    expect(sender.sent).toHaveLength(10);
    expect(await appError(service.send(PHONE, 'register', context))).toMatchObject({ code: 'SMS_DAILY_LIMIT', status: 429 });
  });

  it.each([
    ['unavailable', 'SMS_SEND_FAILED', 503],
    ['misconfigured', 'SMS_SEND_FAILED', 503],
    ['rejected_number', 'SMS_PHONE_UNREACHABLE', 400],
    ['vendor_limited', 'SMS_VENDOR_LIMITED', 429],
  ] as const)('maps a channel that is %s to %s (%i)', async (kind, code, status) => {
    const { service, sender, failures } = setup();
    sender.failure = kind;
    expect(await appError(service.send(PHONE, 'login', context))).toMatchObject({ code, status, field: 'phone' });
    expect(failures).toEqual([{ kind, vendorCode: `vendor.${kind}`, template: 'login' }]);
    expect(JSON.stringify(failures)).not.toContain(PHONE);
  });

  it('lets an unexpected sender exception through, without spending the quota', async () => {
    const { service, sender } = setup();
    sender.failure = new Error('a bug');
    await expect(service.send(PHONE, 'register', context)).rejects.toThrow('a bug');
    sender.failure = null;
    await service.send(PHONE, 'register', context);
    expect(sender.sent).toHaveLength(1);
  });

  it('waits 60 s between sends to one phone (any purpose) and says how long is left', async () => {
    const { service, clock } = setup();
    await service.send(PHONE, 'register', context);
    const early = await appError(service.send(PHONE, 'reset_password', context));
    expect(early).toMatchObject({ code: 'SMS_RESEND_TOO_SOON', status: 429, details: { retryAfter: 60 } });
    clock.advance(45);
    expect(await appError(service.send(PHONE, 'register', context))).toMatchObject({ details: { retryAfter: 15 } });
    clock.advance(15);
    await service.send(PHONE, 'register', context);
  });

  it('lets only one send per phone be in flight', async () => {
    const { service, sender } = setup();
    let open!: () => void;
    sender.gate = new Promise((resolve) => (open = resolve));
    const first = service.send(PHONE, 'register', context);
    expect(await appError(service.send(PHONE, 'register', context))).toMatchObject({ code: 'SMS_RESEND_TOO_SOON' });
    open();
    await first;
    expect(sender.sent).toHaveLength(1);
  });

  it('refuses a send whose checks began while another send to the phone was in flight, however long they take', async () => {
    const kit = testKit('2026-11-26T10:00:00+08:00');
    const limiter = new RateLimiter(kit.store);
    let slowHit: Promise<void> | null = null;
    const rateLimiter = { hit: async (...args: Parameters<RateLimiter['hit']>) => (await slowHit, limiter.hit(...args)) } as unknown as RateLimiter;
    const service = new SmsCodeService({ ...kit, rateLimiter, platformName: '统一身份认证平台（演示）', now: kit.clock.now });
    let deliver!: () => void;
    kit.sender.gate = new Promise((resolve) => (deliver = resolve));
    const first = service.send(PHONE, 'register', context);
    await new Promise((resolve) => setImmediate(resolve));
    let passChecks!: () => void;
    slowHit = new Promise((resolve) => (passChecks = resolve));
    const second = appError(service.send(PHONE, 'register', context));
    await new Promise((resolve) => setImmediate(resolve));
    deliver();
    await first;
    passChecks();
    expect(await second).toMatchObject({ code: 'SMS_RESEND_TOO_SOON' });
    expect(kit.sender.sent).toHaveLength(1);
  });

  it('counts the daily cap per Beijing day: it resets at Beijing midnight, not at UTC midnight', async () => {
    // 07:40 in Beijing on 27 November is 23:40 UTC on the 26th.
    const { service, clock, sender } = setup('2026-11-27T07:40:00+08:00');
    for (let i = 0; i < SMS_CODE_POLICY.dailyPerPhone; i += 1) {
      await service.send(PHONE, 'register', context);
      clock.advance(61);
    }
    clock.value = Date.parse('2026-11-27T08:05:00+08:00'); // 00:05 UTC: a new UTC day, the same Beijing day
    expect(await appError(service.send(PHONE, 'register', context))).toMatchObject({ code: 'SMS_DAILY_LIMIT' });
    clock.value = Date.parse('2026-11-27T23:59:00+08:00');
    expect(await appError(service.send(PHONE, 'register', context))).toMatchObject({ code: 'SMS_DAILY_LIMIT' });
    clock.value = Date.parse('2026-11-28T00:00:30+08:00'); // 16:00 UTC on the 27th: Beijing's next day
    await service.send(PHONE, 'register', context);
    expect(sender.sent).toHaveLength(11);
  });

  it('caps sends per IP and hour', async () => {
    const { service } = setup();
    for (let i = 0; i < 20; i += 1) await service.send(`139000000${String(i).padStart(2, '0')}`, 'register', context);
    expect(await appError(service.send('13900000099', 'register', context))).toMatchObject({ code: 'RATE_LIMITED', status: 429 });
    await service.send('13900000099', 'register', { ip: '198.51.100.1' });
  });

  it('refuses a number that is not a mainland mobile number before sending', async () => {
    const { service, sender } = setup();
    expect(await appError(service.send('12345', 'register', context))).toMatchObject({ field: 'phone', status: 400 });
    expect(sender.sent).toHaveLength(0);
  });
});

describe('SmsCodeService.check / consume', () => {
  it('binds a code to its purpose: a register code does not pass a reset_password check', async () => {
    const { service, sender, clock } = setup();
    await service.send(PHONE, 'register', context);
    const registerCode = sender.lastCode();
    expect(await appError(service.check(PHONE, 'reset_password', registerCode))).toMatchObject({ code: 'SMS_CODE_EXPIRED' });

    clock.advance(60);
    await service.send(PHONE, 'reset_password', context);
    const resetCode = sender.lastCode();
    if (resetCode !== registerCode) {
      expect(await appError(service.check(PHONE, 'reset_password', registerCode))).toMatchObject({ code: 'SMS_CODE_INVALID' });
    }
    await service.check(PHONE, 'reset_password', resetCode);
    await service.check(PHONE, 'register', registerCode);
  });

  it('is one-time: consumed codes no longer pass', async () => {
    const { service, sender } = setup();
    await service.send(PHONE, 'register', context);
    const code = sender.lastCode();
    await service.check(PHONE, 'register', code);
    await service.check(PHONE, 'register', code, 'smsCode'); // still valid until consumed
    expect(await service.consume(PHONE, 'register')).toBe(true);
    expect(await service.consume(PHONE, 'register')).toBe(false);
    expect(await appError(service.check(PHONE, 'register', code))).toMatchObject({ code: 'SMS_CODE_EXPIRED', field: 'smsCode' });
  });

  it('allows at most 5 tries, then even the right code fails', async () => {
    const { service, sender, clock } = setup();
    await service.send(PHONE, 'register', context);
    const code = sender.lastCode();
    const wrong = code === '000000' ? '111111' : '000000';
    const answers: string[] = [];
    for (let i = 0; i < 5; i += 1) answers.push((await appError(service.check(PHONE, 'register', wrong, 'smsCode'))).code);
    expect(answers).toEqual(['SMS_CODE_INVALID', 'SMS_CODE_INVALID', 'SMS_CODE_INVALID', 'SMS_CODE_INVALID', 'SMS_CODE_ATTEMPTS_EXCEEDED']);
    // The right code afterwards is refused for the true reason, not as 已失效.
    expect(await appError(service.check(PHONE, 'register', code))).toMatchObject({ code: 'SMS_CODE_ATTEMPTS_EXCEEDED', field: 'smsCode' });
    expect(await appError(service.redeem(PHONE, 'register', code))).toMatchObject({ code: 'SMS_CODE_ATTEMPTS_EXCEEDED' });
    // A new code starts afresh.
    clock.advance(SMS_CODE_POLICY.resendSeconds);
    await service.send(PHONE, 'register', context);
    await service.check(PHONE, 'register', sender.lastCode());
  });

  it('expires after 5 minutes', async () => {
    const { service, sender, clock } = setup();
    await service.send(PHONE, 'register', context);
    clock.advance(SMS_CODE_POLICY.ttlSeconds);
    expect(await appError(service.check(PHONE, 'register', sender.lastCode()))).toMatchObject({ code: 'SMS_CODE_EXPIRED' });
  });

  it('treats input that is not 6 digits as a wrong code', async () => {
    const { service } = setup();
    await service.send(PHONE, 'register', context);
    expect(await appError(service.check(PHONE, 'register', '12ab'))).toMatchObject({ code: 'SMS_CODE_INVALID' });
  });
});

describe('beijingDay', () => {
  it('names the calendar day in Asia/Shanghai and the seconds left in it', () => {
    expect(beijingDay(Date.parse('2026-11-26T15:59:59Z'))).toEqual({ day: '2026-11-26', secondsLeft: 1 });
    expect(beijingDay(Date.parse('2026-11-26T16:00:00Z'))).toEqual({ day: '2026-11-27', secondsLeft: 86_400 });
    expect(beijingDay(Date.parse('2026-11-26T23:30:00Z'))).toEqual({ day: '2026-11-27', secondsLeft: 16.5 * 3600 });
  });
});

describe('SmsCodeService.redeem', () => {
  it('lets exactly one of two concurrent right answers through', async () => {
    const { service, sender } = setup();
    await service.send(PHONE, 'reset_password', context);
    const code = sender.sent[0]!.params.code!;
    const results = await Promise.allSettled([service.redeem(PHONE, 'reset_password', code), service.redeem(PHONE, 'reset_password', code)]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(await appError(service.redeem(PHONE, 'reset_password', code))).toMatchObject({ code: 'SMS_CODE_EXPIRED' });
  });

  it("puts a wrong answer's code back, so the right one still works, and is bound to its purpose", async () => {
    const { service, sender } = setup();
    await service.send(PHONE, 'reset_password', context);
    const code = sender.sent[0]!.params.code!;
    const wrong = code === '000000' ? '111111' : '000000';
    expect(await appError(service.redeem(PHONE, 'reset_password', wrong))).toMatchObject({ code: 'SMS_CODE_INVALID' });
    expect(await appError(service.redeem(PHONE, 'register', code))).toMatchObject({ code: 'SMS_CODE_EXPIRED' });
    await expect(service.redeem(PHONE, 'reset_password', code)).resolves.toBeUndefined();
  });

  it('ends the code at the fifth wrong answer', async () => {
    const { service, sender } = setup();
    await service.send(PHONE, 'reset_password', context);
    const code = sender.sent[0]!.params.code!;
    const wrong = code === '000000' ? '111111' : '000000';
    const codes: string[] = [];
    for (let i = 0; i < SMS_CODE_POLICY.maxAttempts; i += 1) codes.push((await appError(service.redeem(PHONE, 'reset_password', wrong))).code);
    expect(codes).toEqual(['SMS_CODE_INVALID', 'SMS_CODE_INVALID', 'SMS_CODE_INVALID', 'SMS_CODE_INVALID', 'SMS_CODE_ATTEMPTS_EXCEEDED']);
    expect(await appError(service.redeem(PHONE, 'reset_password', code))).toMatchObject({ code: 'SMS_CODE_ATTEMPTS_EXCEEDED' });
  });
});
