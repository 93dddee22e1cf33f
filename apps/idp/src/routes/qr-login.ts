import type { FastifyInstance, FastifyRequest } from 'fastify';
import type Provider from 'oidc-provider';
import type { QrLogin, QrWatch } from '../services/qr-login/index.ts';
import { qrCreateRequest, type PlatformFeatures } from '@uia/schemas';
import { currentInteraction, ensureLoginOffered, interactionClient, interactionFreshness, interactionRequiredAcr, qrLoginType } from './current-interaction.ts';
import { parseBody } from './parse-body.ts';
import { QR_LOGIN_POLICY } from '../services/qr-login/qr-login-policy.ts';
import { EventStream } from './event-stream.ts';
import { OpenStreams } from './open-streams.ts';
import { requestContext } from './request-context.ts';
import { deviceIdOf, keepDeviceCookie } from './device-cookie.ts';

type QrRequest = FastifyRequest<{ Params: { uid: string; id: string } }>;

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
export async function qrLoginRoutes(app: FastifyInstance, options: { provider: Provider; qrLogin: QrLogin; platformName: string; secure: boolean; features: PlatformFeatures }) {
  const { provider, qrLogin, platformName, features } = options;
  /** Open streams, ended when the server shuts down (they would hold its close). */
  const streams = new Set<EventStream>();
  /** Caps on open status streams per interaction and per client address, in this process (QR_LOGIN_POLICY). */
  const openStreams = new OpenStreams();
  let shuttingDown = false;
  app.addHook('preClose', async () => {
    shuttingDown = true;
    for (const stream of streams) stream.endWithRetry(RECONNECT_AFTER_SHUTDOWN_MS);
  });

  app.post('/interaction/:uid/qr', async (request: QrRequest, reply) => {
    const { loginType } = parseBody(qrCreateRequest, request.body ?? {});
    const interaction = await currentInteraction(provider, request, reply);
    ensureLoginOffered(interaction, features);
    const client = await interactionClient(provider, interaction, platformName);
    const qr = await qrLogin.create(
      {
        uid: interaction.uid,
        clientId: String(interaction.params.client_id),
        clientName: client.name,
        requiredAcr: interactionRequiredAcr(interaction),
        ...interactionFreshness(interaction),
        loginType: qrLoginType(interaction, loginType, features),
      },
      requestContext(request),
    );
    // A one-time QR: never cached.
    return reply.status(201).header('cache-control', 'no-store').send(qr);
  });

  app.get('/interaction/:uid/qr/:id/events', async (request: QrRequest, reply) => {
    const { uid, id } = request.params;
    await currentInteraction(provider, request, reply);
    // Throws RATE_LIMITED (JSON, nothing streamed) when the interaction or the address has enough open already.
    const release = openStreams.take([
      { key: `interaction:${uid}`, limit: QR_LOGIN_POLICY.streamsPerInteraction },
      { key: `ip:${request.ip}`, limit: QR_LOGIN_POLICY.streamsPerIp },
    ]);
    const stream = new EventStream(reply);
    let watch: QrWatch | null = null;
    // eslint-disable-next-line prefer-const -- close() can run before the interval starts; a const would still be in its temporal dead zone then
    let heartbeat: NodeJS.Timeout | undefined;
    let closed = false;
    const stopWatching = () => watch?.stop().catch((error: unknown) => request.log.warn({ err: error }, 'qr login watch did not stop cleanly'));
    const close = () => {
      if (closed) return;
      closed = true;
      clearInterval(heartbeat);
      release();
      streams.delete(stream);
      stream.end();
      void stopWatching();
    };
    stream.onClose(close);
    // Throws (a JSON error, nothing streamed yet) for a QR that is not this interaction's.
    try {
      watch = await qrLogin.watch(id, uid, {
        status: (event) => stream.send('status', event),
        end: close,
        error: (error) => request.log.warn({ err: error }, 'qr login status could not be read'),
      });
    } catch (error) {
      release();
      throw error;
    }
    // A final status may have come first, or the browser went away meanwhile: the stream is over already.
    if (closed) return stopWatching();
    // The server began shutting down while this stream was being set up: preClose has run, so end it
    // here, or the close would wait for it forever (the browser's EventSource reconnects elsewhere).
    if (shuttingDown) {
      stream.endWithRetry(RECONNECT_AFTER_SHUTDOWN_MS);
      return close();
    }
    streams.add(stream);
    heartbeat = setInterval(() => {
      stream.comment('keep-alive');
      void watch?.refresh();
    }, HEARTBEAT_MS);
  });

  app.post('/interaction/:uid/qr/:id/complete', async (request: QrRequest, reply) => {
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
