import { SITE_PATHS, type AudioCaptchaChallenge, type CaptchaChallenge, type SiteInfo } from '@uia/schemas';
import { fillTemplate, formatMessage, isErrorCode, ui } from '@uia/i18n';

/** An error answer of the idp: `{ error: { code, message, field?, … } }`. */
export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  readonly field: string | undefined;
  readonly retryAfter: number | undefined;
  readonly until: string | undefined;
  /** RATE_LIMITED: which budget ran out, when the server says (`account_name`: the account name as typed). */
  readonly scope: string | undefined;

  constructor(status: number, code: string, message: string, extra: Record<string, unknown> = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.field = typeof extra.field === 'string' ? extra.field : undefined;
    this.retryAfter = typeof extra.retryAfter === 'number' ? extra.retryAfter : undefined;
    this.until = typeof extra.until === 'string' ? extra.until : undefined;
    this.scope = typeof extra.scope === 'string' ? extra.scope : undefined;
  }
}

/**
 * RATE_LIMITED with a long wait, in minutes from 2 minutes and in hours from
 * 2 hours (some limits last a day); null below 2 minutes, where the server's
 * seconds are fine.
 */
export function longWaitMessage(retryAfterSeconds: number): string | null {
  if (retryAfterSeconds >= 7200) return fillTemplate(ui.site.rateLimitedHours, { hours: Math.ceil(retryAfterSeconds / 3600) });
  if (retryAfterSeconds >= 120) return fillTemplate(ui.site.rateLimitedMinutes, { minutes: Math.ceil(retryAfterSeconds / 60) });
  return null;
}

/**
 * One JSON call to the idp (same origin, with its cookies, never from the
 * HTTP cache). Error answers become an ApiError whose message is the one to
 * show: the server's, else the catalogue's for the code.
 */
async function request<T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      cache: 'no-store',
      headers: {
        Accept: 'application/json',
        ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  } catch {
    throw new ApiError(0, 'NETWORK_ERROR', ui.site.networkError);
  }

  let data: unknown = null;
  const text = await response.text();
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }

  if (!response.ok) {
    const error = data && typeof data === 'object' && 'error' in data && data.error && typeof data.error === 'object' ? (data.error as Record<string, unknown>) : null;
    const code = error && typeof error.code === 'string' ? error.code : response.status === 404 ? 'NOT_FOUND' : 'INTERNAL_ERROR';
    const retryAfter = error && typeof error.retryAfter === 'number' ? error.retryAfter : 0;
    const message =
      (code === 'RATE_LIMITED' ? longWaitMessage(retryAfter) : null) ??
      (error && typeof error.message === 'string' && error.message ? error.message : isErrorCode(code) ? formatMessage(code) : ui.site.serverError);
    throw new ApiError(response.status, code, message, error ?? {});
  }
  if (response.status === 204) return undefined as T;
  if (data === null) throw new ApiError(response.status, 'INTERNAL_ERROR', ui.site.serverError);
  return data as T;
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {}),
  /** The console's relying-party registry edits with PUT and deletes with DELETE (REST, like its CLI). */
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  delete: <T>(path: string) => request<T>('DELETE', path),
};

export function errorMessage(error: unknown): string {
  return error instanceof ApiError ? error.message : ui.site.serverError;
}

// ---- the endpoints both UIs use (docs/api.md) ----

export type { AudioCaptchaChallenge, CaptchaChallenge, DemoAccount, DemoAdministrator, SiteInfo } from '@uia/schemas';

export const sharedEndpoints = {
  site: () => api.get<SiteInfo>(SITE_PATHS.site),
  captcha: () => api.post<CaptchaChallenge>(SITE_PATHS.captcha),
  audioCaptcha: () => api.post<AudioCaptchaChallenge>(SITE_PATHS.audioCaptcha),
};
