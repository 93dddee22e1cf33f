import type { FastifyBaseLogger, FastifyInstance, FastifyReply } from 'fastify';
import type Provider from 'oidc-provider';
import type { QrLogin, QrStatusListener, QrWatch } from '../services/qr-login/index.ts';
import { interactionParams, PC_QR_PATHS, qrCompleteResponse, qrCreateRequest, qrCreateResponse, type PlatformFeatures } from '@uia/schemas';
import { z } from 'zod';
import { currentInteraction, ensureLoginOffered, interactionClient, interactionFreshness, interactionRequiredAcr, qrLoginType } from './current-interaction.ts';
import { QR_LOGIN_POLICY } from '../services/qr-login/qr-login-policy.ts';
import { EventStream } from './event-stream.ts';
import { OpenStreams } from './open-streams.ts';
import { Heartbeats } from './heartbeats.ts';
import { requestContext } from './request-context.ts';
import { deviceIdOf, keepDeviceCookie } from './device-cookie.ts';
import { withContractSchemas } from './zod-route-schemas.ts';

const qrParams = interactionParams.extend({ id: z.string() });

/** A comment on every open stream this often, so proxies keep it; each also re-reads the QR. */
const HEARTBEAT_MS = 15_000;
/** When the server shuts down, the page's EventSource reconnects after this long (with a load balancer, to another node). */
const RECONNECT_AFTER_SHUTDOWN_MS = 1_000;

/**
 * 扫码登录, the PC side: QR codes of the login interaction, their status as
 * Server-Sent Events, and the one-time completion. Every route checks the
 * interaction cookie first, so only the browser that displays the QR can
 * watch or complete it.
 */
export async function qrLoginRoutes(
  plugin: FastifyInstance,
  options: {
    provider: Provider;
    qrLogin: QrLogin;
    platformName: string;
    secure: boolean;
    features: PlatformFeatures;
    /** Whether the client requires two login factors (client metadata `uia_require_two_factors`). */
    requiresTwoFactors: (clientId: string) => Promise<boolean>;
  },
) {
  const app = withContractSchemas(plugin);
  const { provider, qrLogin, platformName, features, requiresTwoFactors } = options;
  /** Open streams: their one heartbeat timer, and ended when the server shuts down (they would hold its close). */
  const heartbeats = new Heartbeats<QrStatusStream>(HEARTBEAT_MS);
  /** Caps on open status streams per interaction and per client address, in this process (QR_LOGIN_POLICY). */
  const openStreams = new OpenStreams();
  let shuttingDown = false;
  app.addHook('preClose', async () => {
    shuttingDown = true;
    for (const waiting of heartbeats.members()) waiting.endWithRetry(RECONNECT_AFTER_SHUTDOWN_MS);
  });

  app.post(PC_QR_PATHS.create, { schema: { params: interactionParams, body: qrCreateRequest, response: { 201: qrCreateResponse } } }, async (request, reply) => {
    const { loginType } = request.body;
    const interaction = await currentInteraction(provider, request, reply);
    ensureLoginOffered(interaction, features);
    const client = await interactionClient(provider, interaction, platformName);
    const clientId = String(interaction.params.client_id);
    const qr = await qrLogin.create(
      {
        uid: interaction.uid,
        clientId,
        clientName: client.name,
        requiredAcr: interactionRequiredAcr(interaction),
        ...interactionFreshness(interaction),
        loginType: qrLoginType(interaction, loginType, features),
        twoFactors: await requiresTwoFactors(clientId),
      },
      requestContext(request),
    );
    // A one-time QR: never cached.
    return reply.status(201).header('cache-control', 'no-store').send(qr);
  });

  app.get(PC_QR_PATHS.events, { schema: { params: qrParams } }, async (request, reply) => {
    const { uid, id } = request.params;
    await currentInteraction(provider, request, reply);
    // Throws RATE_LIMITED (JSON, nothing streamed) when the interaction or the address has enough open already.
    const release = openStreams.take([
      { key: `interaction:${uid}`, limit: QR_LOGIN_POLICY.streamsPerInteraction },
      { key: `ip:${request.ip}`, limit: QR_LOGIN_POLICY.streamsPerIp },
    ]);
    const waiting = new QrStatusStream(reply, release, heartbeats, app.log);
    // Throws (a JSON error, nothing streamed yet) for a QR that is not this interaction's.
    try {
      await waiting.follow((listener) => qrLogin.watch(id, uid, listener));
    } catch (error) {
      release();
      throw error;
    }
    // The server began shutting down while this stream was being set up: preClose has run, so end it
    // here, or the close would wait for it forever (the browser's EventSource reconnects elsewhere).
    if (shuttingDown) return waiting.endWithRetry(RECONNECT_AFTER_SHUTDOWN_MS);
    waiting.keepAlive();
  });

  app.post(PC_QR_PATHS.complete, { schema: { params: qrParams, response: { 200: qrCompleteResponse } } }, async (request, reply) => {
    const { uid, id } = request.params;
    await currentInteraction(provider, request, reply);
    const deviceId = deviceIdOf(request);
    const { login, authTime } = await qrLogin.complete(id, uid, { ...requestContext(request), deviceId });
    // The browser that showed the QR is now a trusted device of the person (LoginThrottle).
    keepDeviceCookie(reply, deviceId, options.secure);
    const redirectTo = await provider.interactionResult(
      request.raw,
      reply.raw,
      // `ts`: the moment of 确认登录 (service clock), so max_age and a later password reset judge that login.
      { login: { accountId: login.accountId, acr: login.acr, amr: login.amr, ts: Math.floor(authTime / 1000), remember: false } },
      { mergeWithLastSubmission: false },
    );
    return { redirectTo };
  });
}

/**
 * One PC page's status stream once its handler has returned: the raw stream,
 * the QR watch, the slots it takes in OpenStreams. Nothing of the request
 * (Fastify's request, reply, per-request logger) stays reachable from here:
 * thousands of pages may wait at once, each for minutes.
 */
class QrStatusStream {
  private readonly stream: EventStream;
  private watch: QrWatch | null = null;
  private closed = false;

  constructor(
    reply: FastifyReply,
    private readonly release: () => void,
    private readonly heartbeats: Heartbeats<QrStatusStream>,
    private readonly log: FastifyBaseLogger,
  ) {
    this.stream = new EventStream(reply, () => this.close());
  }

  /** Starts the watch (its first status opens the stream); a final status may end the stream before this resolves. */
  async follow(start: (listener: QrStatusListener) => Promise<QrWatch>) {
    this.watch = await start({
      status: (event) => this.stream.send('status', event),
      end: () => this.close(),
      error: (error) => this.log.warn({ err: error }, 'qr login status could not be read'),
    });
    // The stream ended (a final status, or the browser went away) while the watch started.
    if (this.closed) this.stopWatching();
  }

  /** Joins the shared heartbeat, unless the stream is over already. */
  keepAlive() {
    if (!this.closed) this.heartbeats.add(this);
  }

  /** A comment, so proxies keep the stream, and a fresh read of the QR, in case a message was lost. */
  beat() {
    this.stream.comment('keep-alive');
    void this.watch?.refresh();
  }

  endWithRetry(retryMs: number) {
    this.stream.endWithRetry(retryMs);
    this.close();
  }

  private close() {
    if (this.closed) return;
    this.closed = true;
    this.heartbeats.delete(this);
    this.release();
    this.stream.end();
    this.stopWatching();
  }

  private stopWatching() {
    this.watch?.stop().catch((error: unknown) => this.log.warn({ err: error }, 'qr login watch did not stop cleanly'));
  }
}
