import { SmsDeliveryError } from '../../ports/sms-sender.ts';

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

/**
 * One request to an SMS vendor. Anything that is not an answer we can read
 * — network error, timeout, HTTP 5xx, a body that is not a JSON object — is
 * `unavailable` (retry later). The returned body is the vendor's JSON; the
 * caller decides what it means. Errors never carry the request (it holds
 * the phone number) or the response body.
 */
export async function callVendor(
  fetchImpl: FetchLike,
  url: string,
  init: { headers: Record<string, string>; body: string },
  timeoutMs: number,
): Promise<{ status: number; body: Record<string, unknown> }> {
  let response: Response;
  let text: string;
  try {
    response = await fetchImpl(url, { method: 'POST', headers: init.headers, body: init.body, signal: AbortSignal.timeout(timeoutMs), redirect: 'error' });
    text = await response.text();
  } catch (error) {
    const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
    throw new SmsDeliveryError('unavailable', timedOut ? 'timeout' : 'network', { cause: safeCause(error) });
  }
  if (response.status >= 500) throw new SmsDeliveryError('unavailable', `http_${response.status}`);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new SmsDeliveryError('unavailable', `http_${response.status}_not_json`);
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new SmsDeliveryError('unavailable', `http_${response.status}_unexpected_body`);
  return { status: response.status, body: body as Record<string, unknown> };
}

/** Only the error's name and code: messages of network errors may quote the URL. */
function safeCause(error: unknown) {
  if (!(error instanceof Error)) return undefined;
  const cause = (error as { cause?: { code?: unknown } }).cause;
  return { name: error.name, code: typeof cause?.code === 'string' ? cause.code : undefined };
}
