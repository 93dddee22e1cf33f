import { formatMessage, type ErrorCode } from '@uia/i18n';
import { errorStatus } from './error-status.ts';

/**
 * The one error type that crosses layers. Services throw it with a machine
 * code; routes turn it into `{ error: { code, message, field } }` with the
 * status `errorStatus` gives that code. Anything
 * else that escapes is an internal error and is never shown to the client.
 */
export class AppError extends Error {
  readonly status: number;
  readonly field: string | undefined;
  readonly params: Record<string, string | number>;
  /** Extra machine-readable facts for the client (e.g. retryAfter seconds, retryable). */
  readonly details: Record<string, string | number | boolean>;

  constructor(
    readonly code: ErrorCode,
    options: { exceptionalStatus?: number; field?: string; params?: Record<string, string | number>; details?: Record<string, string | number | boolean> } = {},
  ) {
    super(code);
    // exceptionalStatus only where one code must answer two statuses (see its callers).
    this.status = options.exceptionalStatus ?? errorStatus[code];
    this.field = options.field;
    this.params = options.params ?? {};
    this.details = options.details ?? {};
  }

  toBody() {
    return {
      error: {
        code: this.code,
        message: formatMessage(this.code, this.params),
        ...(this.field ? { field: this.field } : {}),
        ...this.details,
      },
    };
  }
}

/**
 * `scope` tells the client what ran out when that helps the person: `account_name`
 * (a budget per account name as typed, so another of the account's names still works).
 */
export function rateLimited(retryAfterSeconds: number, scope?: 'account_name'): AppError {
  const retryAfter = Math.max(1, Math.ceil(retryAfterSeconds));
  return new AppError('RATE_LIMITED', { params: { retryAfter }, details: { retryAfter, ...(scope ? { scope } : {}) } });
}
