import type { FastifyRequest } from 'fastify';
import { ui } from '@uia/i18n';
import { escapeHtml, renderPage } from '../oidc/html-pages.ts';

/** Paths that are APIs whoever asks: they always answer JSON (also to a browser opening one by hand). */
const API_PATH = /^\/(?:api|app\/api|dev)(?:\/|$)|^\/interaction\/[^/]+\//;

/**
 * A browser asking for a page (a navigation: GET, `Accept: text/html`) on a
 * path that is not an API: it gets an HTML page in the portal's frame;
 * everyone else (the SPAs' fetches, curl, API clients) the JSON error body.
 */
export function wantsPage(request: FastifyRequest): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  if (API_PATH.test(request.url.split('?')[0] ?? '')) return false;
  return /\btext\/html\b/i.test(request.headers.accept ?? '');
}

export interface SiteFrame {
  platformName: string;
  demo: boolean;
}

/** 页面不存在 (404) or 页面暂时无法显示 (5xx, with the error's message), with a way home; in the request's 关怀模式. */
export function errorPage(site: SiteFrame, status: number, message: string, cookieHeader: string | undefined): string {
  const missing = status === 404;
  const title = missing ? ui.site.notFoundTitle : ui.site.errorTitle;
  const text = missing ? ui.site.notFoundText : message;
  const hint = missing ? ui.site.notFoundHint : ui.site.errorHint;
  const body = `<p>${escapeHtml(text)}</p><p class="muted">${escapeHtml(hint)}</p><div class="actions"><a class="button primary" href="/">${escapeHtml(ui.site.homeLink)}</a></div>`;
  return renderPage({ ...site, title, body, cookieHeader });
}
