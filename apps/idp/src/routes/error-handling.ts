import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { describeDependencyError, isDependencyUnavailable, OUTAGE_RETRY_AFTER_SECONDS } from '../dependency-failure.ts';
import { AppError } from '../errors.ts';
import { errorPage, wantsPage, type SiteFrame } from './browser-pages.ts';

/** Answers with the platform's error body and the status the error table gives its code. */
export function sendError(reply: FastifyReply, error: AppError, status = error.status) {
  return reply.status(status).send(error.toBody());
}

/**
 * Maps every failure to `{ error: { code, message } }`; internals are logged,
 * never shown. A browser navigating to a page gets the same status as an
 * HTML page in the portal's frame instead (browser-pages.ts).
 */
export function registerErrorHandling(app: FastifyInstance, site: SiteFrame) {
  app.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload) => {
    if (reply.statusCode < 400 || !wantsPage(request) || !String(reply.getHeader('content-type') ?? '').startsWith('application/json')) return payload;
    reply.type('text/html; charset=utf-8').header('cache-control', 'no-store');
    return errorPage(site, reply.statusCode, messageOf(payload), request.headers.cookie);
  });

  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    if (error instanceof AppError) {
      // RATE_LIMITED, SMS_RESEND_TOO_SOON, LOGIN_THROTTLED, PASSWORD_LOGIN_PAUSED: when to come back.
      if (typeof error.details.retryAfter === 'number') reply.header('retry-after', String(error.details.retryAfter));
      return sendError(reply, error);
    }
    const status = error.statusCode ?? 500;
    if (status === 413) return sendError(reply, new AppError('PAYLOAD_TOO_LARGE'));
    // The one status the error table does not decide: an unsupported content type says 415
    // (HTTP's own meaning), with the same BODY_INVALID code and message as a malformed body.
    if (status >= 400 && status < 500) return sendError(reply, new AppError('BODY_INVALID'), status === 415 ? 415 : undefined);
    if (isDependencyUnavailable(error)) {
      // PostgreSQL or Redis is down or too slow: a temporary state the client may retry, not a bug.
      // The driver's message names the failure (code, host), never request data.
      request.log.warn({ dependencyError: describeDependencyError(error) }, 'storage dependency unavailable');
      reply.header('retry-after', String(OUTAGE_RETRY_AFTER_SECONDS));
      return sendError(reply, new AppError('SERVICE_UNAVAILABLE', { details: { retryAfter: OUTAGE_RETRY_AFTER_SECONDS } }));
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendError(reply, new AppError('INTERNAL_ERROR'));
  });

  app.setNotFoundHandler((_request, reply) => sendError(reply, new AppError('NOT_FOUND')));
}

/** The Chinese message of a JSON error body (every body this handler and the routes send has one). */
function messageOf(payload: unknown): string {
  try {
    const body = JSON.parse(String(payload)) as { error?: { message?: unknown } };
    return typeof body.error?.message === 'string' ? body.error.message : '';
  } catch {
    return '';
  }
}
