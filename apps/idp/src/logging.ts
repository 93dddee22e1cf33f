import type { FastifyServerOptions } from 'fastify';

/** Where log lines go instead of stdout (tests read them to prove what is never logged). */
export interface LogStream {
  write(line: string): void;
}

/**
 * The one home of logging. Requests are logged by method and path only:
 * query strings carry codes and tokens, bodies carry personal data, and
 * neither ever reaches a log line.
 */
export function loggerOptions(level: string, stream?: LogStream): FastifyServerOptions['logger'] {
  return {
    level,
    ...(stream ? { stream } : {}),
    redact: { paths: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'], remove: true },
    serializers: {
      req(request: { method: string; url: string; ip?: string }) {
        return { method: request.method, path: request.url.split('?')[0] };
      },
      res(reply: { statusCode: number }) {
        return { statusCode: reply.statusCode };
      },
    },
  };
}
