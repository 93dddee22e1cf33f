import fastifyStatic, { type FastifyStaticOptions } from '@fastify/static';
import type { FastifyError, FastifyInstance } from 'fastify';
import { AppError } from '../errors.ts';
import { sendError } from './error-handling.ts';

/**
 * Serves a folder of built files. Whatever @fastify/static refuses by path
 * (a NUL byte, `..` or `.` segments, other non-canonical spellings: 400/403
 * from it or from send) names no file of ours, so it answers the platform's
 * 404 NOT_FOUND like any missing file; the root error handler would take a
 * 4xx for a malformed body (BODY_INVALID), which a request path is not.
 */
export async function registerStaticFiles(app: FastifyInstance, options: FastifyStaticOptions) {
  await app.register(async (scope) => {
    scope.setErrorHandler((error: FastifyError & { status?: number }, _request, reply) => {
      const status = error.statusCode ?? error.status ?? 500;
      // Anything else (a read failure) goes on to the root handler: logged, 500.
      if (status < 400 || status >= 500) throw error;
      return sendError(reply, new AppError('NOT_FOUND'));
    });
    await scope.register(fastifyStatic, options);
  });
}
