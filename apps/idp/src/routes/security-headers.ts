import type { ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors.ts';

const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** No page of the platform may use the camera, microphone or location… */
const PAGE_PERMISSIONS_POLICY = 'camera=(), microphone=(), geolocation=()';
/** …except the companion app's pages (/app/): 人脸识别 and 扫一扫 need the camera of this origin. */
export const APP_PAGE_PERMISSIONS_POLICY = 'camera=(self), microphone=(), geolocation=()';

/** Headers for every response, including oidc-provider's raw ones. */
export function applySecurityHeaders(res: ServerResponse, secure: boolean) {
  res.setHeader('content-security-policy', PAGE_CSP);
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('x-frame-options', 'DENY');
  // same-origin, not no-referrer: with no-referrer Chromium sends `Origin: null` on our own POSTs.
  res.setHeader('referrer-policy', 'same-origin');
  res.setHeader('cross-origin-opener-policy', 'same-origin');
  res.setHeader('permissions-policy', PAGE_PERMISSIONS_POLICY);
  if (secure) res.setHeader('strict-transport-security', 'max-age=31536000; includeSubDomains');
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * CSRF defence for the JSON API: a state-changing request from a browser
 * must come from our own origin (browsers always send Origin on POST), and
 * only JSON bodies are parsed, which cross-site forms cannot send.
 */
export function registerSecurityHeaders(app: FastifyInstance, options: { publicOrigin: string; secure: boolean }) {
  app.addHook('onRequest', async (request, reply) => {
    applySecurityHeaders(reply.raw, options.secure);
    if (!STATE_CHANGING.has(request.method) || request.url.startsWith('/oidc')) return;
    const origin = request.headers.origin;
    if (origin !== undefined && origin !== options.publicOrigin) {
      throw new AppError('ORIGIN_FORBIDDEN');
    }
  });
}
