import * as client from 'openid-client';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMessage } from '@uia/i18n';
import { appPerson, loggedInApp } from './app-helpers.ts';
import { Browser, startTestPlatform, type TestPlatform } from './harness.ts';
import { appQr, pcQr } from './qr-helpers.ts';
import type { EventStreamReader } from './support/event-stream-reader.ts';
import type { PubSub } from '../src/ports/pub-sub.ts';
import { authorizationUrl, discover, followToRp, passwordLogin, startLogin, useRelyingPartyPlatform, type StartedLogin } from './relying-party.ts';

const rp = useRelyingPartyPlatform();

/** A PC browser at the login page of the demo RP, with a QR on screen and its status stream open. */
async function pcWithQr(extra: Record<string, string> = {}) {
  const pc = new Browser(rp.t.baseUrl);
  const login = await startLogin(pc, rp.config, extra);
  const created = await pcQr.create(pc, login.uid);
  expect(created.status).toBe(201);
  const qr = created.body;
  const { response, events } = await pcQr.events(pc, login.uid, qr.id);
  expect(events).not.toBeNull();
  expect(await events!.nextStatus()).toBe('pending');
  return { pc, login, qr, response, events: events! };
}

const phone = async () => (await loggedInApp(rp.t.baseUrl, appPerson())).browser;

async function tokensAfter(pc: Browser, login: StartedLogin, redirectTo: string) {
  const callback = await followToRp(pc, redirectTo);
  return client.authorizationCodeGrant(rp.config, callback, { pkceCodeVerifier: login.verifier, expectedState: login.state, expectedNonce: login.nonce });
}

const errorOf = (code: Parameters<typeof formatMessage>[0]) => ({ error: expect.objectContaining({ code, message: formatMessage(code) }) });

/** Opens a status stream, retrying briefly while the server has not yet noticed that an earlier one closed. */
async function eventsOnceFree(pc: Browser, uid: string, id: string) {
  for (let attempt = 0; ; attempt += 1) {
    const opened = await pcQr.events(pc, uid, id);
    if (opened.response.status !== 429 || attempt === 40) return opened;
    await opened.response.arrayBuffer();
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe(`扫码登录 (${process.env.DATABASE_URL ? 'PostgreSQL' : 'SQLite'} + ${process.env.REDIS_URL ? 'Redis' : 'in-process store'})`, () => {
  it('logs in by QR: the page follows pending → scanned → confirmed, and the RP gets acr L3 with face and mca', async () => {
    const { pc, login, qr, response, events } = await pcWithQr();
    expect(qr.qrUrl).toBe(`${rp.t.baseUrl}/app/qr/${qr.id}`);
    expect(qr.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(qr.image).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(qr.expiresIn).toBe(180);
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(response.headers.get('x-accel-buffering')).toBe('no');
    // A stream is never rendered: nosniff stays, the document-only headers are left off (memory per waiting page).
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toBeNull();

    const app = await phone();
    const scanned = await appQr.scan(app, qr.id);
    expect(scanned.status).toBe(200);
    expect(scanned.body).toEqual({
      client: { name: '义务教育入学服务平台（演示）' },
      requester: { browser: 'Chrome 126', os: 'Windows 10', ip: pc.ip, place: '本机/内网' },
      requestedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      expiresIn: expect.any(Number),
    });
    expect(await events.nextStatus()).toBe('scanned');

    expect(await pcQr.complete(pc, login.uid, qr.id)).toEqual({ status: 409, body: errorOf('QR_NOT_CONFIRMED') });
    expect(await appQr.confirm(app, qr.id)).toEqual({ status: 200, body: { status: 'confirmed' } });
    expect(await events.remainingStatuses()).toEqual(['confirmed']);

    const completed = await pcQr.complete(pc, login.uid, qr.id);
    expect(completed.status).toBe(200);
    // One QR, one login: neither the browser nor the phone can use it again.
    expect(await pcQr.complete(pc, login.uid, qr.id)).toEqual({ status: 409, body: errorOf('QR_ALREADY_USED') });
    expect(await appQr.scan(app, qr.id)).toEqual({ status: 409, body: errorOf('QR_ALREADY_USED') });
    expect(await appQr.confirm(app, qr.id)).toEqual({ status: 409, body: errorOf('QR_ALREADY_USED') });

    const tokens = await tokensAfter(pc, login, completed.body.redirectTo);
    const claims = tokens.claims()!;
    expect(claims.acr).toBe('L3');
    expect(claims.amr).toEqual(['face', 'mca']);
    const events2 = (await rp.t.platform.audit.recent(50)).filter((event) => event.type === 'login.qr' && event.accountId === claims.sub);
    expect(events2).toEqual([expect.objectContaining({ outcome: 'success', detail: { clientId: 'edu-portal', acr: 'L3', amr: 'face mca' } })]);
  });

  it('shows 已取消 when the phone cancels; the QR is then dead on both sides', async () => {
    const { pc, login, qr, events } = await pcWithQr();
    const app = await phone();
    await appQr.scan(app, qr.id);
    expect(await events.nextStatus()).toBe('scanned');
    expect(await appQr.cancel(app, qr.id)).toEqual({ status: 200, body: { status: 'cancelled' } });
    expect(await events.remainingStatuses()).toEqual(['cancelled']);
    expect(await appQr.confirm(app, qr.id)).toEqual({ status: 410, body: errorOf('QR_EXPIRED') });
    expect(await pcQr.complete(pc, login.uid, qr.id)).toEqual({ status: 410, body: errorOf('QR_EXPIRED') });
  });

  it('expires after 180 s: the stream says expired, a late scan gets QR_EXPIRED, and a new QR works', async () => {
    const { pc, login, qr, events } = await pcWithQr();
    const app = await phone();
    rp.t.clock.advance(181_000);
    expect(await appQr.scan(app, qr.id)).toEqual({ status: 410, body: errorOf('QR_EXPIRED') });
    expect(await events.remainingStatuses()).toEqual(['expired']);
    // A stream opened afterwards says so at once and ends.
    const again = await pcQr.events(pc, login.uid, qr.id);
    expect(await again.events!.remainingStatuses()).toEqual(['expired']);
    expect(await pcQr.complete(pc, login.uid, qr.id)).toEqual({ status: 410, body: errorOf('QR_EXPIRED') });

    // 点击刷新: a new QR for the same login.
    const fresh = await pcQr.create(pc, login.uid);
    expect(fresh.body.id).not.toBe(qr.id);
    expect((await appQr.scan(app, fresh.body.id)).status).toBe(200);
    await appQr.confirm(app, fresh.body.id);
    expect((await pcQr.complete(pc, login.uid, fresh.body.id)).status).toBe(200);
  });

  it('completes only in the browser that displayed the QR: another browser can neither watch nor complete', async () => {
    const { pc, login, qr, events } = await pcWithQr();
    const stranger = new Browser(rp.t.baseUrl);
    const watched = await pcQr.events(stranger, login.uid, qr.id);
    expect(watched.events).toBeNull();
    expect(watched.response.status).toBe(400);
    expect(await watched.response.json()).toEqual(errorOf('LOGIN_REQUEST_EXPIRED'));
    expect(await pcQr.create(stranger, login.uid)).toEqual({ status: 400, body: errorOf('LOGIN_REQUEST_EXPIRED') });

    // Nor with a login interaction of its own.
    const own = await startLogin(stranger, rp.config);
    const foreign = await pcQr.events(stranger, own.uid, qr.id);
    expect(foreign.response.status).toBe(410);
    await foreign.response.arrayBuffer();

    const app = await phone();
    await appQr.scan(app, qr.id);
    await appQr.confirm(app, qr.id);
    expect(await events.remainingStatuses()).toEqual(['scanned', 'confirmed']);
    expect(await pcQr.complete(stranger, login.uid, qr.id)).toEqual({ status: 400, body: errorOf('LOGIN_REQUEST_EXPIRED') });
    expect(await pcQr.complete(stranger, own.uid, qr.id)).toEqual({ status: 410, body: errorOf('QR_EXPIRED') });
    // The browser that showed it still can.
    expect((await pcQr.complete(pc, login.uid, qr.id)).status).toBe(200);
  });

  it('belongs to the first person who scans it: another app user gets QR_TAKEN_BY_OTHER', async () => {
    const { pc, login, qr, events } = await pcWithQr();
    const [first, second] = await Promise.all([phone(), phone()]);
    expect((await appQr.scan(first, qr.id)).status).toBe(200);
    expect(await appQr.scan(second, qr.id)).toEqual({ status: 409, body: errorOf('QR_TAKEN_BY_OTHER') });
    expect(await appQr.confirm(second, qr.id)).toEqual({ status: 409, body: errorOf('QR_TAKEN_BY_OTHER') });
    expect(await appQr.cancel(second, qr.id)).toEqual({ status: 409, body: errorOf('QR_TAKEN_BY_OTHER') });
    await appQr.confirm(first, qr.id);
    expect(await events.remainingStatuses()).toEqual(['scanned', 'confirmed']);
    expect((await pcQr.complete(pc, login.uid, qr.id)).status).toBe(200);
  });

  it('needs a live app session on the phone, and answers bad ids with QR_EXPIRED', async () => {
    const { qr, events } = await pcWithQr();
    const loggedOut = new Browser(rp.t.baseUrl);
    expect(await appQr.scan(loggedOut, qr.id)).toEqual({ status: 401, body: errorOf('APP_LOGIN_REQUIRED') });
    expect(await appQr.confirm(loggedOut, qr.id)).toEqual({ status: 401, body: errorOf('APP_LOGIN_REQUIRED') });
    const app = await phone();
    for (const id of ['nope', 'A'.repeat(22), '%E4%BD%A0', 'x'.repeat(99)]) {
      expect(await appQr.scan(app, id)).toEqual({ status: 410, body: errorOf('QR_EXPIRED') });
    }
    // Confirming needs the scan first.
    expect(await appQr.confirm(app, qr.id)).toEqual({ status: 409, body: errorOf('QR_NOT_SCANNED') });
    await events.cancel();
  });

  it('steps up: acr_values=L3 puts an L2 password session back on the login page, which only 扫码登录 passes', async () => {
    const pc = new Browser(rp.t.baseUrl);
    const first = await passwordLogin(pc, rp.config, 'zhangsan', 'Demo@2026pw');
    expect(first.tokens.claims()!.acr).toBe('L2');

    // Asking for what the session has needs no login.
    const sameLevel = await authorizationUrl(rp.config, { acr_values: 'L2' });
    expect((await followToRp(pc, sameLevel.href)).searchParams.get('code')).toBeTruthy();

    const login = await startLogin(pc, rp.config, { acr_values: 'L3 L4' });
    const details = await pc.json(`/interaction/${login.uid}/details`);
    expect(details.body).toMatchObject({ prompt: 'login', requiredAcr: 'L3', client: { id: 'edu-portal' } });
    const password = await pc.json(`/interaction/${login.uid}/login`, { json: { identifier: 'zhangsan', password: 'Demo@2026pw', ...(await pc.solvedCaptcha()) } });
    expect(password).toEqual({ status: 403, body: errorOf('LOGIN_REQUIRES_QR') });

    // 张三 logs in to the app by face (now L3) and scans.
    const { body: qr } = await pcQr.create(pc, login.uid);
    const { browser: app } = await loggedInApp(rp.t.baseUrl, { idType: 'resident_id', name: '张三', idNumber: '11010519491231002X' });
    await appQr.scan(app, qr.id);
    await appQr.confirm(app, qr.id);
    const completed = await pcQr.complete(pc, login.uid, qr.id);
    const claims = (await tokensAfter(pc, login, completed.body.redirectTo)).claims()!;
    expect(claims).toMatchObject({ acr: 'L3', amr: ['face', 'mca'] });
    expect(claims.sub).toBe(first.tokens.claims()!.sub);
  });

  it('refuses an app login older than max_age with QR_REAUTH_REQUIRED, leaving the QR scanned; the login time is the confirmation', async () => {
    const person = appPerson();
    const stale = await loggedInApp(rp.t.baseUrl, person);
    rp.t.clock.advance(120_000);
    const { pc, login, qr, events } = await pcWithQr({ max_age: '60' });
    expect((await appQr.scan(stale.browser, qr.id)).status).toBe(200);
    expect(await events.nextStatus()).toBe('scanned');
    expect(await appQr.confirm(stale.browser, qr.id)).toEqual({ status: 403, body: errorOf('QR_REAUTH_REQUIRED') });
    expect(await pcQr.complete(pc, login.uid, qr.id)).toEqual({ status: 409, body: errorOf('QR_NOT_CONFIRMED') });

    // A fresh face login in the app, then scanning again, works; the login counts from 确认登录, not from completion.
    const { browser: fresh } = await loggedInApp(rp.t.baseUrl, person);
    expect((await appQr.scan(fresh, qr.id)).status).toBe(200);
    expect(await appQr.confirm(fresh, qr.id)).toEqual({ status: 200, body: { status: 'confirmed' } });
    const confirmedAt = Math.floor(rp.t.clock.now() / 1000);
    rp.t.clock.advance(30_000);
    const completed = await pcQr.complete(pc, login.uid, qr.id);
    expect(completed.status).toBe(200);
    const claims = (await tokensAfter(pc, login, completed.body.redirectTo)).claims()!;
    expect(claims).toMatchObject({ acr: 'L3', amr: ['face', 'mca'] });
    expect(claims.auth_time).toBe(confirmedAt);
  });

  it('refuses, for prompt=login, an app login older than the platform freshness bound (5 min)', async () => {
    const stale = await loggedInApp(rp.t.baseUrl, appPerson());
    rp.t.clock.advance(6 * 60_000);
    const { qr } = await pcWithQr({ prompt: 'login' });
    await appQr.scan(stale.browser, qr.id);
    expect(await appQr.confirm(stale.browser, qr.id)).toEqual({ status: 403, body: errorOf('QR_REAUTH_REQUIRED') });
    // Within the bound it passes.
    const recent = await loggedInApp(rp.t.baseUrl, appPerson());
    rp.t.clock.advance(4 * 60_000);
    const { qr: other } = await pcWithQr({ prompt: 'login' });
    await appQr.scan(recent.browser, other.id);
    expect(await appQr.confirm(recent.browser, other.id)).toEqual({ status: 200, body: { status: 'confirmed' } });
  });

  it('does not complete when the confirming app session ended in between (退出登录, password reset): QR_EXPIRED', async () => {
    const { pc, login, qr, events } = await pcWithQr();
    const app = await loggedInApp(rp.t.baseUrl, appPerson());
    await appQr.scan(app.browser, qr.id);
    await appQr.confirm(app.browser, qr.id);
    expect(await events.remainingStatuses()).toEqual(['scanned', 'confirmed']);
    expect((await app.browser.request(`/app/api/sessions/${app.session.id}/revoke`, { method: 'POST' })).status).toBe(204);
    expect(await pcQr.complete(pc, login.uid, qr.id)).toEqual({ status: 410, body: errorOf('QR_EXPIRED') });
    // And it stays dead.
    expect(await pcQr.complete(pc, login.uid, qr.id)).toEqual({ status: 410, body: errorOf('QR_EXPIRED') });
  });

  it('tells the PC who scanned: scanned and confirmed carry the masked name', async () => {
    const { qr, events } = await pcWithQr();
    const app = await phone();
    await appQr.scan(app, qr.id);
    expect(JSON.parse((await events.next())!.data)).toEqual({ status: 'scanned', person: '赵*红' });
    await appQr.confirm(app, qr.id);
    expect(JSON.parse((await events.next())!.data)).toEqual({ status: 'confirmed', person: '赵*红' });
  });

  it('刷新 kills the previous QR: its stream says expired and it can be neither scanned, confirmed nor completed', async () => {
    const { pc, login, qr, events } = await pcWithQr();
    const app = await phone();
    await appQr.scan(app, qr.id);
    expect(await events.nextStatus()).toBe('scanned');
    const fresh = await pcQr.create(pc, login.uid);
    expect(fresh.status).toBe(201);
    expect(await events.remainingStatuses()).toEqual(['expired']);
    expect(await appQr.confirm(app, qr.id)).toEqual({ status: 410, body: errorOf('QR_EXPIRED') });
    expect(await appQr.scan(app, qr.id)).toEqual({ status: 410, body: errorOf('QR_EXPIRED') });

    // Even one confirmed already: a newer QR for the interaction voids it.
    await appQr.scan(app, fresh.body.id);
    await appQr.confirm(app, fresh.body.id);
    const newest = await pcQr.create(pc, login.uid);
    expect(await pcQr.complete(pc, login.uid, fresh.body.id)).toEqual({ status: 410, body: errorOf('QR_EXPIRED') });
    await appQr.scan(app, newest.body.id);
    await appQr.confirm(app, newest.body.id);
    expect((await pcQr.complete(pc, login.uid, newest.body.id)).status).toBe(200);
  });

  it('scans only by POST: a GET (a cross-site link carries the SameSite=Lax app cookie) changes nothing', async () => {
    const { qr, events } = await pcWithQr();
    const app = await phone();
    const viaLink = await app.request(`/app/api/qr/${qr.id}`);
    expect(viaLink.status).toBe(404);
    await viaLink.arrayBuffer();
    // Not scanned: the phone cannot confirm, and the PC still shows pending.
    expect(await appQr.confirm(app, qr.id)).toEqual({ status: 409, body: errorOf('QR_NOT_SCANNED') });
    const scanned = await app.json(`/app/api/qr/${qr.id}/scan`, { json: {} });
    expect(scanned.status).toBe(200);
    expect(scanned.body).toMatchObject({ client: { name: '义务教育入学服务平台（演示）' }, expiresIn: expect.any(Number) });
    expect(await events.nextStatus()).toBe('scanned');
    // Scanning again (a reload of the confirm page) answers the same.
    expect((await appQr.scan(app, qr.id)).body).toMatchObject({ client: scanned.body.client, requester: scanned.body.requester });
    await events.cancel();
  });

  it('caps open status streams at 2 per login interaction; closing one, or the QR ending, frees its slot', async () => {
    const { pc, login, qr, events } = await pcWithQr();
    const second = await pcQr.events(pc, login.uid, qr.id);
    expect(second.response.status).toBe(200);
    expect(await second.events!.nextStatus()).toBe('pending');
    const third = await pcQr.events(pc, login.uid, qr.id);
    expect(third.response.status).toBe(429);
    expect(third.response.headers.get('retry-after')).toBe('15');
    expect(await third.response.json()).toMatchObject({ error: { code: 'RATE_LIMITED', retryAfter: 15 } });

    await events.cancel();
    const reopened = await eventsOnceFree(pc, login.uid, qr.id);
    expect(reopened.response.status).toBe(200);
    expect(await reopened.events!.nextStatus()).toBe('pending');

    // The server ends both streams at 取消, and their slots are free again.
    const app = await phone();
    await appQr.scan(app, qr.id);
    await appQr.cancel(app, qr.id);
    expect(await second.events!.remainingStatuses()).toEqual(['scanned', 'cancelled']);
    expect(await reopened.events!.remainingStatuses()).toEqual(['scanned', 'cancelled']);
    for (let i = 0; i < 3; i += 1) {
      const late = await eventsOnceFree(pc, login.uid, qr.id);
      expect(late.response.status).toBe(200);
      expect(await late.events!.remainingStatuses()).toEqual(['cancelled']);
    }
  });

  it('caps open status streams at 20 per client address, across interactions', async () => {
    const ip = `10.77.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
    const open: { pc: Browser; uid: string; id: string; events: NonNullable<Awaited<ReturnType<typeof pcQr.events>>['events']> }[] = [];
    for (let i = 0; i < 10; i += 1) {
      const pc = new Browser(rp.t.baseUrl, ip);
      const login = await startLogin(pc, rp.config);
      const { body: qr } = await pcQr.create(pc, login.uid);
      for (let j = 0; j < 2; j += 1) {
        const { response, events } = await pcQr.events(pc, login.uid, qr.id);
        expect(response.status).toBe(200);
        open.push({ pc, uid: login.uid, id: qr.id, events: events! });
      }
    }
    const pc = new Browser(rp.t.baseUrl, ip);
    const login = await startLogin(pc, rp.config);
    const { body: qr } = await pcQr.create(pc, login.uid);
    const refused = await pcQr.events(pc, login.uid, qr.id);
    expect(refused.response.status).toBe(429);
    expect(await refused.response.json()).toMatchObject({ error: { code: 'RATE_LIMITED' } });
    // Another address is not affected.
    const elsewhere = new Browser(rp.t.baseUrl);
    const otherLogin = await startLogin(elsewhere, rp.config);
    const { body: otherQr } = await pcQr.create(elsewhere, otherLogin.uid);
    const fine = await pcQr.events(elsewhere, otherLogin.uid, otherQr.id);
    expect(fine.response.status).toBe(200);
    await fine.events!.cancel();

    await open.pop()!.events.cancel();
    const admitted = await eventsOnceFree(pc, login.uid, qr.id);
    expect(admitted.response.status).toBe(200);
    expect(await admitted.events!.nextStatus()).toBe('pending');
    await admitted.events!.cancel();
    for (const stream of open) await stream.events.cancel();
  });

  it('answers a new QR with cache-control: no-store', async () => {
    const pc = new Browser(rp.t.baseUrl);
    const login = await startLogin(pc, rp.config);
    const response = await pc.request(`/interaction/${login.uid}/qr`, { method: 'POST', json: {} });
    expect(response.status).toBe(201);
    expect(response.headers.get('cache-control')).toBe('no-store');
    await response.arrayBuffer();
  });

  it('leaves requiredAcr out when the RP demands no level', async () => {
    const pc = new Browser(rp.t.baseUrl);
    const login = await startLogin(pc, rp.config);
    const details = await pc.json(`/interaction/${login.uid}/details`);
    expect(details.body).not.toHaveProperty('requiredAcr');
  });
});

/** `pubSub` with a count of the QR subscriptions open at a time (each ended by its unsubscribe, once). */
function countingQrSubscriptions(pubSub: PubSub) {
  const counted = {
    open: 0,
    publish: (channel: string, message: string) => pubSub.publish(channel, message),
    async subscribe(channel: string, listener: (message: string) => void) {
      const unsubscribe = await pubSub.subscribe(channel, listener);
      const step = channel.startsWith('qr:') ? 1 : 0;
      counted.open += step;
      let ended = false;
      return async () => {
        if (!ended) counted.open -= step;
        ended = true;
        await unsubscribe();
      };
    },
    close: () => pubSub.close(),
  };
  return counted;
}

describe('扫码登录 status streams that the browser closes', () => {
  let subscriptions: ReturnType<typeof countingQrSubscriptions>;
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform({ wrapPubSub: (pubSub) => (subscriptions = countingQrSubscriptions(pubSub)) });
  });
  afterAll(() => t.stop());

  it('leave no QR subscription behind once their browsers are gone', async () => {
    const config = await discover(t.baseUrl);
    const ids: string[] = [];
    const streams: EventStreamReader[] = [];
    for (let page = 0; page < 12; page += 1) {
      const pc = new Browser(t.baseUrl);
      const login = await startLogin(pc, config);
      const { body: qr } = await pcQr.create(pc, login.uid);
      ids.push(qr.id);
      for (let tab = 0; tab < 2; tab += 1) {
        const { events } = await pcQr.events(pc, login.uid, qr.id);
        expect(await events!.nextStatus()).toBe('pending');
        streams.push(events!);
      }
    }
    expect(subscriptions.open).toBe(24);
    for (const stream of streams) await stream.cancel();
    // The server learns of each disconnect from its socket, a moment after the browser's side closed.
    while (subscriptions.open > 0) await new Promise((resolve) => setTimeout(resolve, 10));
    if (process.env.REDIS_URL) {
      const redis = new Redis(process.env.REDIS_URL);
      try {
        const channels = (await redis.pubsub('CHANNELS', '*qr:*')) as string[];
        expect(channels.filter((channel) => ids.some((id) => channel.endsWith(`qr:${id}`)))).toEqual([]);
      } finally {
        redis.disconnect();
      }
    }
  });
});

describe('扫码登录 status streams at shutdown', () => {
  it('are ended by the server, so an open QR page does not hold the shutdown', async () => {
    const t = await startTestPlatform();
    const pc = new Browser(t.baseUrl);
    const login = await startLogin(pc, await discover(t.baseUrl));
    const { body: qr } = await pcQr.create(pc, login.uid);
    const { events } = await pcQr.events(pc, login.uid, qr.id);
    expect(await events!.nextStatus()).toBe('pending');
    await t.stop();
    expect(await events!.remainingStatuses()).toEqual([]);
  });
});

describe('扫码登录 in the request logs', () => {
  const lines: string[] = [];
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform({ env: { UIA_LOG_LEVEL: 'trace' }, logStream: { write: (line) => void lines.push(line) } });
  });
  afterAll(() => t.stop());

  it('never carries a QR id: the id segment of every QR path is logged as :id', async () => {
    const pc = new Browser(t.baseUrl);
    const login = await startLogin(pc, await discover(t.baseUrl));
    const { body: qr } = await pcQr.create(pc, login.uid);
    const { events } = await pcQr.events(pc, login.uid, qr.id);
    expect(await events!.nextStatus()).toBe('pending');
    const app = (await loggedInApp(t.baseUrl, appPerson())).browser;
    // The page the QR encodes, with a query string for good measure.
    await (await app.request(`/app/qr/${qr.id}?from=camera`)).arrayBuffer();
    expect((await appQr.scan(app, qr.id)).status).toBe(200);
    expect((await appQr.confirm(app, qr.id)).status).toBe(200);
    expect(await events!.remainingStatuses()).toEqual(['scanned', 'confirmed']);
    expect((await pcQr.complete(pc, login.uid, qr.id)).status).toBe(200);

    const paths = lines.map((line) => JSON.parse(line) as { req?: { path: string } }).flatMap((entry) => (entry.req ? [entry.req.path] : []));
    expect(paths).toEqual(
      expect.arrayContaining([
        '/app/qr/:id',
        '/app/api/qr/:id/scan',
        '/app/api/qr/:id/confirm',
        `/interaction/${login.uid}/qr`,
        `/interaction/${login.uid}/qr/:id/events`,
        `/interaction/${login.uid}/qr/:id/complete`,
      ]),
    );
    expect(lines.filter((line) => line.includes(qr.id))).toEqual([]);
    expect(lines.filter((line) => line.includes('from=camera'))).toEqual([]);
  });
});
