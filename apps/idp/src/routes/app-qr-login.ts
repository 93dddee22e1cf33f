import type { FastifyInstance } from 'fastify';
import { APP_QR_PATHS, idParams, qrCancelResponse, qrConfirmRequest, qrConfirmResponse, qrScanResponse } from '@uia/schemas';
import type { AppSessionAuthenticator } from '../services/app-sessions/app-session.ts';
import type { QrLogin } from '../services/qr-login/index.ts';
import { requireAppSession } from './app-session-auth.ts';
import { authenticateEveryRoute } from './authenticated-routes.ts';
import { requestContext } from './request-context.ts';
import { withContractSchemas } from './zod-route-schemas.ts';

/**
 * 扫码登录, the phone side: the scan (which binds the QR to the person and
 * answers what it asks), 确认登录 and 取消. Each needs a live app session
 * (cookie `uia_app`). All three change state, so all three are POSTs: the
 * cookie is SameSite=Lax, which a cross-site top-level GET would still carry.
 */
export async function appQrLoginRoutes(plugin: FastifyInstance, options: { qrLogin: QrLogin; appSessions: AppSessionAuthenticator }) {
  const app = withContractSchemas(plugin);
  const { qrLogin, appSessions } = options;
  const sessionOf = authenticateEveryRoute(app, (request) => requireAppSession(request, appSessions));

  // The scan changes state and the answer names the requester's address: never cached.
  app.addHook('onSend', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
  });

  app.post(APP_QR_PATHS.scan, { schema: { params: idParams, response: { 200: qrScanResponse } } }, async (request) => qrLogin.scan(request.params.id, sessionOf(request), requestContext(request)));

  // 法人登录 QRs carry the chosen entity: `{ entityId }`.
  app.post(APP_QR_PATHS.confirm, { schema: { params: idParams, body: qrConfirmRequest, response: { 200: qrConfirmResponse } } }, async (request) =>
    qrLogin.confirm(request.params.id, sessionOf(request), requestContext(request), request.body),
  );

  app.post(APP_QR_PATHS.cancel, { schema: { params: idParams, response: { 200: qrCancelResponse } } }, async (request) =>
    qrLogin.cancel(request.params.id, sessionOf(request), requestContext(request)),
  );
}
