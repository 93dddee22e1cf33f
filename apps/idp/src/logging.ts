import type { FastifyServerOptions } from 'fastify';
import { APP_QR_PATHS, PC_QR_PATHS, QR_PAGE_PATH } from '@uia/schemas';

/** Where log lines go instead of stdout (tests read them to prove what is never logged). */
export interface LogStream {
  write(line: string): void;
}

/**
 * A QR id is a bearer secret while it lives (whoever has it can scan it and
 * see who asks), so the path segment that carries it never reaches a log,
 * whatever follows it: the contract's QR paths up to their `:id` (the page
 * the QR encodes, the phone's calls, the PC's), as segments (`:uid` matches any).
 */
const BEFORE_QR_ID = [QR_PAGE_PATH, APP_QR_PATHS.scan, PC_QR_PATHS.events].map((pattern) => pattern.slice(0, pattern.indexOf('/:id')).split('/'));

/** The path a request is logged under: no query string, no QR id. */
export function loggedPath(url: string): string {
  const segments = url.split('?')[0]!.split('/');
  const before = BEFORE_QR_ID.find((prefix) => (segments[prefix.length] ?? '') !== '' && prefix.every((part, i) => (part.startsWith(':') ? segments[i] !== '' : part === segments[i])));
  if (before) segments[before.length] = ':id';
  return segments.join('/');
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
