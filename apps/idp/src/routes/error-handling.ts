import type { FastifyError, FastifyInstance } from 'fastify';
import { describeDependencyError, isDependencyUnavailable, OUTAGE_RETRY_AFTER_SECONDS } from '../dependency-failure.ts';
import { AppError } from '../errors.ts';

/** Maps every failure to `{ error: { code, message } }`; internals are logged, never shown. */
export function registerErrorHandling(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    if (error instanceof AppError) {
      // RATE_LIMITED, SMS_RESEND_TOO_SOON, LOGIN_THROTTLED, PASSWORD_LOGIN_PAUSED: when to come back.
      if (typeof error.details.retryAfter === 'number') reply.header('retry-after', String(error.details.retryAfter));
      return reply.status(error.status).send(error.toBody());
    }
    const status = error.statusCode ?? 500;
    if (status === 413) return reply.status(413).send(new AppError('PAYLOAD_TOO_LARGE', { status: 413 }).toBody());
    if (status >= 400 && status < 500) {
      return reply.status(status === 415 ? 415 : 400).send(new AppError('BODY_INVALID', { status }).toBody());
    }
    if (isDependencyUnavailable(error)) {
      // PostgreSQL or Redis is down or too slow: a temporary state the client may retry, not a bug.
      // The driver's message names the failure (code, host), never request data.
      request.log.warn({ dependencyError: describeDependencyError(error) }, 'storage dependency unavailable');
      reply.header('retry-after', String(OUTAGE_RETRY_AFTER_SECONDS));
      return reply.status(503).send(new AppError('SERVICE_UNAVAILABLE', { status: 503, details: { retryAfter: OUTAGE_RETRY_AFTER_SECONDS } }).toBody());
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send(new AppError('INTERNAL_ERROR', { status: 500 }).toBody());
  });

  app.setNotFoundHandler((_request, reply) => reply.status(404).send(new AppError('NOT_FOUND', { status: 404 }).toBody()));
}
