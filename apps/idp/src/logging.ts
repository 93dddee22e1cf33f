import type { FastifyServerOptions } from 'fastify';

/** Where log lines go instead of stdout (tests read them to prove what is never logged). */
export interface LogStream {
  write(line: string): void;
}

/**
 * A QR id is a bearer secret while it lives (whoever has it can scan it and
 * see who asks), so the path segment that carries it never reaches a log:
 * `/app/qr/<id>` (the page the QR encodes), `/app/api/qr/<id>/…` (the phone)
 * and `/interaction/<uid>/qr/<id>/…` (the PC).
 */
const QR_ID_IN_PATH = [/^(\/app\/(?:api\/)?qr\/)[^/]+/, /^(\/interaction\/[^/]+\/qr\/)[^/]+/];

/** The path a request is logged under: no query string, no QR id. */
export function loggedPath(url: string): string {
  let path = url.split('?')[0]!;
  for (const pattern of QR_ID_IN_PATH) path = path.replace(pattern, '$1:id');
  return path;
}

/**
 * The one home of logging. Requests are logged by method and path only:
 * query strings carry codes and tokens, bodies carry personal data, and
 * neither ever reaches a log line; nor do QR ids (`loggedPath`).
 */
export function loggerOptions(level: string, stream?: LogStream): FastifyServerOptions['logger'] {
  return {
    level,
    ...(stream ? { stream } : {}),
    redact: { paths: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'], remove: true },
    serializers: {
      req(request: { method: string; url: string; ip?: string }) {
        return { method: request.method, path: loggedPath(request.url) };
      },
      res(reply: { statusCode: number }) {
        return { statusCode: reply.statusCode };
      },
    },
  };
}
