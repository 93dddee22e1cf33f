import type { FastifyInstance, FastifyRequest } from 'fastify';
import { qrConfirmRequest } from '@uia/schemas';
import type { AppSessionAuthenticator } from '../services/app-sessions/app-session.ts';
import type { QrLogin } from '../services/qr-login/index.ts';
import { requireAppSession } from './app-session-auth.ts';
import { parseBody } from './parse-body.ts';
import { requestContext } from './request-context.ts';

type QrRequest = FastifyRequest<{ Params: { id: string } }>;

/**
 * 扫码登录, the phone side: the scan (which binds the QR to the person and
 * answers what it asks), 确认登录 and 取消. Each needs a live app session
 * (cookie `uia_app`). All three change state, so all three are POSTs: the
 * cookie is SameSite=Lax, which a cross-site top-level GET would still carry.
 */
export async function appQrLoginRoutes(app: FastifyInstance, options: { qrLogin: QrLogin; appSessions: AppSessionAuthenticator }) {
  const { qrLogin, appSessions } = options;

  // The scan changes state and the answer names the requester's address: never cached.
  app.addHook('onSend', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
  });

  app.post('/app/api/qr/:id/scan', async (request: QrRequest) =>
    qrLogin.scan(request.params.id, await requireAppSession(request, appSessions), requestContext(request)),
  );

  // 法人登录 QRs carry the chosen entity: `{ entityId }`.
  app.post('/app/api/qr/:id/confirm', async (request: QrRequest) => {
    const session = await requireAppSession(request, appSessions);
    const choice = parseBody(qrConfirmRequest, request.body ?? {});
    return qrLogin.confirm(request.params.id, session, requestContext(request), choice);
  });

  app.post('/app/api/qr/:id/cancel', async (request: QrRequest) =>
    qrLogin.cancel(request.params.id, await requireAppSession(request, appSessions), requestContext(request)),
  );
}
