import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MemoryKeyValueStore } from '../../adapters/key-value/memory-key-value-store.ts';
import { MemoryPubSub } from '../../adapters/pub-sub/memory-pub-sub.ts';
import type { AccountRepository, AssuranceLevel, StoredAccount } from '../../ports/account-repository.ts';
import type { AuditEvent, AuditLog } from '../../ports/audit-log.ts';
import type { AppSessionView } from '../app-sessions/app-session.ts';
import type { PiiCipher } from '../personal-data/pii-cipher.ts';
import { LoginThrottle } from '../password-login/login-throttle.ts';
import { RateLimiter } from '../rate-limit/rate-limiter.ts';
import { describeRequester } from './describe-requester.ts';
import type { EntityMembership } from '../entities/entity-membership.ts';
import { QrLogin, type QrStreamStatus } from './index.ts';

const PC = {
  ip: '192.168.1.20',
  deviceId: 'pc-browser-device-id-0000000000000000000000',
  userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
};
const PHONE = { ip: '10.0.0.8' };

function account(id: string, assuranceLevel: AssuranceLevel): StoredAccount {
  return { id, assuranceLevel, status: 'active', nameCipher: `name-of-${id}` } as StoredAccount;
}

function session(id: string, accountId: string, acr: AssuranceLevel = 'L3', amr = ['face']): AppSessionView {
  return { id, accountId, acr, amr, createdAt: Date.now(), expiresAt: Date.now() + 86_400_000 };
}

/** The service on in-process adapters, with the fake clock of vitest (setTimeout and Date.now move together). */
function setUp() {
  const accounts = new Map([
    ['zhang', account('zhang', 'L3')],
    ['li', account('li', 'L3')],
    ['wang', account('wang', 'L2')],
  ]);
  const audited: AuditEvent[] = [];
  const audit: AuditLog = { append: async (event) => void audited.push(event), recent: async () => [] };
  const store = new MemoryKeyValueStore();
  const qrLogin = new QrLogin({
    store,
    pubSub: new MemoryPubSub(),
    accounts: { findById: async (id: string) => accounts.get(id) ?? null } as AccountRepository,
    cipher: { decrypt: () => '张三' } as unknown as PiiCipher,
    appSessions: { authenticate: async () => null, isLive: async () => true },
    // Personal QRs only here; 法人登录 QRs are covered by test/entity-login.int.test.ts.
    membership: {} as EntityMembership,
    ipLocator: { locate: async () => '本机/内网' },
    rateLimiter: new RateLimiter(store),
    throttle: new LoginThrottle({ store, audit, now: Date.now }),
    audit,
    publicUrl: 'https://uia.example.gov.cn',
  });
  const interaction = {
    uid: 'uid-1',
    clientId: 'edu-portal',
    clientName: '义务教育入学服务平台',
    requiredAcr: null,
    maxAge: null,
    promptLogin: false,
    loginType: 'personal' as const,
    twoFactors: false,
  };
  return { qrLogin, audited, interaction };
}

/** A watch's statuses; `ended` resolves when the stream would end. */
async function watchOf(qrLogin: QrLogin, id: string, uid = 'uid-1') {
  const statuses: QrStreamStatus[] = [];
  let markEnded: () => void = () => undefined;
  const ended = new Promise<void>((resolve) => (markEnded = resolve));
  const watch = await qrLogin.watch(id, uid, {
    status: (event) => statuses.push(event.status),
    end: () => markEnded(),
    error: (error) => {
      throw error;
    },
  });
  return { statuses, ended, watch };
}

const code = (promise: Promise<unknown>) =>
  promise.then(
    () => 'ok',
    (error: { code?: string }) => error.code,
  );

describe('QrLogin', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: new Date('2026-03-01T08:00:00Z') });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('makes a QR of the app URL with a 128-bit id, an SVG image and 180 s', async () => {
    const { qrLogin, interaction } = setUp();
    const qr = await qrLogin.create(interaction, PC);
    expect(qr.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(qr.qrUrl).toBe(`https://uia.example.gov.cn/app/qr/${qr.id}`);
    expect(qr.image).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(Buffer.from(qr.image.split(',')[1]!, 'base64').toString()).toContain('<svg');
    expect(qr.expiresIn).toBe(180);
  });

  it('keeps one QR per interaction current when two are made at once: the other one is expired', async () => {
    const { qrLogin, interaction } = setUp();
    const [first, second] = await Promise.all([qrLogin.create(interaction, PC), qrLogin.create(interaction, PC)]);
    const outcomes = await Promise.all([first, second].map((qr) => code(qrLogin.scan(qr.id, session('s1', 'zhang'), PHONE))));
    expect(outcomes.sort()).toEqual(['QR_EXPIRED', 'ok']);
  });

  it('streams expired at 180 s when nothing else happens, and the QR then stays expired', async () => {
    const { qrLogin, interaction } = setUp();
    const qr = await qrLogin.create(interaction, PC);
    const { statuses, ended } = await watchOf(qrLogin, qr.id);
    expect(statuses).toEqual(['pending']);
    await vi.advanceTimersByTimeAsync(179_000);
    expect(statuses).toEqual(['pending']);
    await vi.advanceTimersByTimeAsync(1_000);
    await ended;
    expect(statuses).toEqual(['pending', 'expired']);
    expect(await code(qrLogin.scan(qr.id, session('s1', 'zhang'), PHONE))).toBe('QR_EXPIRED');
  });

  it('streams every step of a login and ends at confirmed; completion is once and only for its interaction', async () => {
    const { qrLogin, interaction, audited } = setUp();
    const qr = await qrLogin.create(interaction, PC);
    const { statuses, ended } = await watchOf(qrLogin, qr.id);
    const phone = session('s1', 'zhang', 'L3', ['face']);
    const details = await qrLogin.scan(qr.id, phone, PHONE);
    expect(details).toEqual({
      client: { name: '义务教育入学服务平台' },
      requester: { browser: 'Chrome 126', os: 'Windows 10', ip: '192.168.1.20', place: '本机/内网' },
      requestedAt: '2026-03-01T08:00:00.000Z',
      expiresIn: 180,
    });
    expect(await code(qrLogin.complete(qr.id, 'uid-1', PC))).toBe('QR_NOT_CONFIRMED');
    expect(await qrLogin.confirm(qr.id, phone, PHONE)).toEqual({ status: 'confirmed' });
    await ended;
    expect(statuses).toEqual(['pending', 'scanned', 'confirmed']);
    expect(await code(qrLogin.complete(qr.id, 'uid-other', PC))).toBe('QR_EXPIRED');
    expect((await qrLogin.complete(qr.id, 'uid-1', PC)).login).toEqual({ accountId: 'zhang', acr: 'L3', amr: ['face', 'mca'] });
    expect(await code(qrLogin.complete(qr.id, 'uid-1', PC))).toBe('QR_ALREADY_USED');
    expect(await code(qrLogin.scan(qr.id, phone, PHONE))).toBe('QR_ALREADY_USED');
    expect(audited.find((event) => event.type === 'login.qr' && event.outcome === 'success')).toMatchObject({
      accountId: 'zhang',
      detail: { clientId: 'edu-portal', acr: 'L3', amr: 'face mca' },
    });
  });

  it('gives the login the lower of the person and the app session', async () => {
    const { qrLogin, interaction } = setUp();
    const plain = await qrLogin.create(interaction, PC);
    const wangFace = session('s-wang', 'wang', 'L3', ['face']);
    await qrLogin.scan(plain.id, wangFace, PHONE);
    await qrLogin.confirm(plain.id, wangFace, PHONE);
    expect((await qrLogin.complete(plain.id, 'uid-1', PC)).login).toMatchObject({ acr: 'L2' });
  });

  // An SMS-logged-in app reaches L2 and holds one factor, the phone, which the confirmation would only repeat.
  it.each([
    { demand: 'a level (acr_values L3)', asks: { requiredAcr: 'L3' as const }, smsAcr: 'L2' as const, refusal: 'QR_ASSURANCE_TOO_LOW' },
    { demand: 'two factors (the console)', asks: { clientId: 'uia-console', twoFactors: true }, smsAcr: 'L3' as const, refusal: 'QR_FACE_REQUIRED' },
  ])('refuses an SMS-logged-in app where the service demands $demand; after a face login the same QR logs in (face + mca)', async ({ asks, smsAcr, refusal }) => {
    const { qrLogin, interaction } = setUp();
    const demanding = await qrLogin.create({ ...interaction, ...asks }, PC);
    const zhangSms = session('s-sms', 'zhang', smsAcr, ['sms']);
    await qrLogin.scan(demanding.id, zhangSms, PHONE);
    expect(await code(qrLogin.confirm(demanding.id, zhangSms, PHONE))).toBe(refusal);
    // The person logs in to the app with a face check and scans again.
    const zhangFace = session('s-face', 'zhang', 'L3', ['face']);
    await qrLogin.scan(demanding.id, zhangFace, PHONE);
    await qrLogin.confirm(demanding.id, zhangFace, PHONE);
    expect((await qrLogin.complete(demanding.id, 'uid-1', PC)).login).toEqual({ accountId: 'zhang', acr: 'L3', amr: ['face', 'mca'] });
  });

  it('binds the QR to the first person who scans it; only the session that scanned last confirms or cancels', async () => {
    const { qrLogin, interaction } = setUp();
    const qr = await qrLogin.create(interaction, PC);
    const first = session('s1', 'zhang');
    const sameOtherDevice = session('s2', 'zhang');
    const stranger = session('s3', 'li');
    expect(await code(qrLogin.confirm(qr.id, first, PHONE))).toBe('QR_NOT_SCANNED');
    const scans = await Promise.all([code(qrLogin.scan(qr.id, first, PHONE)), code(qrLogin.scan(qr.id, stranger, PHONE))]);
    expect(scans).toEqual(['ok', 'QR_TAKEN_BY_OTHER']);
    expect(await code(qrLogin.confirm(qr.id, stranger, PHONE))).toBe('QR_TAKEN_BY_OTHER');
    expect(await code(qrLogin.scan(qr.id, sameOtherDevice, PHONE))).toBe('ok');
    expect(await code(qrLogin.confirm(qr.id, first, PHONE))).toBe('QR_NOT_SCANNED');
    expect(await qrLogin.cancel(qr.id, sameOtherDevice, PHONE)).toEqual({ status: 'cancelled' });
    expect(await qrLogin.cancel(qr.id, sameOtherDevice, PHONE)).toEqual({ status: 'cancelled' });
    expect(await code(qrLogin.confirm(qr.id, sameOtherDevice, PHONE))).toBe('QR_EXPIRED');
    expect(await code(qrLogin.complete(qr.id, 'uid-1', PC))).toBe('QR_EXPIRED');
  });

  it('lets exactly one of racing confirm and cancel win', async () => {
    const { qrLogin, interaction } = setUp();
    const qr = await qrLogin.create(interaction, PC);
    const phone = session('s1', 'zhang');
    await qrLogin.scan(qr.id, phone, PHONE);
    const outcomes = await Promise.all([code(qrLogin.confirm(qr.id, phone, PHONE)), code(qrLogin.cancel(qr.id, phone, PHONE))]);
    expect(outcomes.filter((outcome) => outcome === 'ok')).toHaveLength(1);
  });

  it('gives the browser 60 s to collect a confirmed login', async () => {
    const { qrLogin, interaction } = setUp();
    const qr = await qrLogin.create(interaction, PC);
    const phone = session('s1', 'zhang');
    await qrLogin.scan(qr.id, phone, PHONE);
    await qrLogin.confirm(qr.id, phone, PHONE);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(await code(qrLogin.complete(qr.id, 'uid-1', PC))).toBe('QR_EXPIRED');
  });

  it("treats unknown, malformed and other interactions' QR ids as expired", async () => {
    const { qrLogin, interaction } = setUp();
    const qr = await qrLogin.create(interaction, PC);
    expect(await code(watchOf(qrLogin, qr.id, 'uid-other'))).toBe('QR_EXPIRED');
    expect(await code(watchOf(qrLogin, 'AAAAAAAAAAAAAAAAAAAAAA'))).toBe('QR_EXPIRED');
    for (const id of ['', 'x', '../../etc', 'A'.repeat(500)]) {
      expect(await code(qrLogin.scan(id, session('s1', 'zhang'), PHONE))).toBe('QR_EXPIRED');
    }
  });
});

describe('describeRequester', () => {
  const locator = { locate: async () => '未知地区' };

  it('names browser and OS from the User-Agent', async () => {
    const mac = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15';
    expect(await describeRequester(locator, { ip: '1.2.3.4', userAgent: mac })).toEqual({ browser: 'Safari 17', os: 'macOS 10.15.7', ip: '1.2.3.4', place: '未知地区' });
  });

  it('says so when the User-Agent tells nothing', async () => {
    for (const userAgent of [undefined, '', 'curl/8.0']) {
      expect(await describeRequester(locator, { ip: '1.2.3.4', userAgent })).toMatchObject({ browser: '未知浏览器', os: '未知操作系统' });
    }
  });
});
