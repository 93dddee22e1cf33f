export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

/** How an adapter says "the vendor could not be reached or gave no readable answer" in its own port's terms. */
export type UnavailableError = (reason: string, cause?: unknown) => Error;

/**
 * One request to a cloud vendor (SMS, identity, face). Anything that is not
 * an answer we can read — network error, timeout, HTTP 5xx, a body that is
 * not a JSON object — becomes the adapter's `unavailable` error (retry
 * later). The returned body is the vendor's JSON; the caller decides what it
 * means. Errors never carry the request (it holds personal data) or the
 * response body.
 */
export async function callVendor(
  fetchImpl: FetchLike,
  url: string,
  init: { headers: Record<string, string>; body: string },
  timeoutMs: number,
  unavailable: UnavailableError,
): Promise<{ status: number; body: Record<string, unknown> }> {
  let response: Response;
  let text: string;
  try {
    response = await fetchImpl(url, { method: 'POST', headers: init.headers, body: init.body, signal: AbortSignal.timeout(timeoutMs), redirect: 'error' });
    text = await response.text();
  } catch (error) {
    const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
    throw unavailable(timedOut ? 'timeout' : 'network', safeCause(error));
  }
  if (response.status >= 500) throw unavailable(`http_${response.status}`);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw unavailable(`http_${response.status}_not_json`);
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw unavailable(`http_${response.status}_unexpected_body`);
  return { status: response.status, body: body as Record<string, unknown> };
}

/** Only the error's name and code: messages of network errors may quote the URL. */
function safeCause(error: unknown) {
  if (!(error instanceof Error)) return undefined;
  const cause = (error as { cause?: { code?: unknown } }).cause;
  return { name: error.name, code: typeof cause?.code === 'string' ? cause.code : undefined };
}
