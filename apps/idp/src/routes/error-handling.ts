import type { FastifyError, FastifyInstance } from 'fastify';
import { AppError } from '../errors.ts';

/** Maps every failure to `{ error: { code, message } }`; internals are logged, never shown. */
export function registerErrorHandling(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    if (error instanceof AppError) {
      // RATE_LIMITED, SMS_RESEND_TOO_SOON, LOGIN_THROTTLED, PASSWORD_LOGIN_PAUSED: when to come back.
      if (typeof error.details.retryAfter === 'number') reply.header('retry-after', String(error.details.retryAfter));
      return reply.status(error.status).send(error.toBody());
    }
    const status = (error as FastifyError).statusCode ?? 500;
    if (status === 413) return reply.status(413).send(new AppError('PAYLOAD_TOO_LARGE', { status: 413 }).toBody());
    if (status >= 400 && status < 500) {
      return reply.status(status === 415 ? 415 : 400).send(new AppError('BODY_INVALID', { status }).toBody());
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send(new AppError('INTERNAL_ERROR', { status: 500 }).toBody());
  });

  app.setNotFoundHandler((_request, reply) => reply.status(404).send(new AppError('NOT_FOUND', { status: 404 }).toBody()));
}
