/**
 * The one home of "a storage dependency (PostgreSQL, Redis) is down or too slow". Routes and the
 * OIDC error page turn such failures into 503 + Retry-After + 服务暂时不可用 instead of a 500
 * (docs/architecture.md "Dependency failures"). The drivers' errors are recognised by their codes
 * and names, never by importing the drivers, so routes stay free of adapter code.
 */

/** Seconds a client is told to wait before retrying during an outage. */
export const OUTAGE_RETRY_AFTER_SECONDS = 5;

// PostgreSQL SQLSTATEs: class 08 (connection exception), 57P01 admin_shutdown (pg_terminate_backend,
// a fast shutdown), 57P02 crash_shutdown, 57P03 cannot_connect_now (starting up / recovering),
// 57014 query_canceled (statement_timeout), 53300 too_many_connections.
const PG_UNAVAILABLE_CODES = new Set(['57P01', '57P02', '57P03', '57014', '53300']);
// Socket-level failures, from pg, ioredis or node:net.
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
// Messages of node-postgres (pool/connect timeouts, a connection ended under a query) and ioredis
// (offline queue off / retries exhausted, a closed connection, commandTimeout) that carry no code.
const DRIVER_MESSAGES = [
  /^Connection terminated/, // pg: "Connection terminated unexpectedly" / "... due to connection timeout"
  /^timeout exceeded when trying to connect$/, // pg Pool connectionTimeoutMillis
  /^Query read timeout$/, // pg query_timeout
  /^Client has encountered a connection error and is not queryable$/,
  /^Connection is closed\.?$/, // ioredis
  /^Command timed out$/, // ioredis commandTimeout
  /^Stream isn't writeable and enableOfflineQueue options is false$/, // ioredis
  /^Reached the max retries per request limit/, // ioredis MaxRetriesPerRequestError
];

/** Thrown by an adapter that finds its dependency unavailable without a driver error to show for it. */
export class DependencyUnavailableError extends Error {
  override readonly name = 'DependencyUnavailableError';
}

export function isDependencyUnavailable(error: unknown, depth = 0): boolean {
  if (error instanceof DependencyUnavailableError) return true;
  if (!error || typeof error !== 'object' || depth > 4) return false;
  const e = error as { code?: unknown; name?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
  if (e.name === 'MaxRetriesPerRequestError') return true;
  if (typeof e.code === 'string' && (PG_UNAVAILABLE_CODES.has(e.code) || e.code.startsWith('08') || SOCKET_CODES.has(e.code))) return true;
  if (typeof e.message === 'string' && DRIVER_MESSAGES.some((pattern) => pattern.test(e.message as string))) return true;
  // AggregateError (several addresses refused) and errors wrapped by a library (oidc-provider, Kysely).
  if (Array.isArray(e.errors) && e.errors.some((inner) => isDependencyUnavailable(inner, depth + 1))) return true;
  return isDependencyUnavailable(e.cause, depth + 1);
}

/** What a log line says about a driver's error: its name, code and message (an address at most, never request data). */
export function describeDependencyError(error: Error): { name: string; code: unknown; message: string } {
  return { name: error.name, code: (error as { code?: unknown }).code, message: error.message };
}
