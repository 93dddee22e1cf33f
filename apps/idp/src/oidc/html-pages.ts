import { ui } from '@uia/i18n';
import { CARE_MODE_COOKIE } from '@uia/schemas';

/**
 * The few pages the idp renders itself (oidc-provider's logout and error
 * screens, the portal's 您已登录 page): the portal's frame and wording,
 * without JavaScript, CSP-safe.
 */
export function escapeHtml(value: string | undefined): string {
  return (value ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const CARE_CHOSEN = new RegExp(`(?:^|;)\\s*${CARE_MODE_COOKIE}=on\\s*(?:;|$)`);

/** Whether the request's Cookie header carries the pages' 关怀模式 choice (CARE_MODE_COOKIE). */
export function careModeChosen(cookieHeader: string | undefined): boolean {
  return CARE_CHOSEN.test(cookieHeader ?? '');
}

/** `cookieHeader`: the request's, so the page keeps the 关怀模式 the person chose on the other pages. */
export function renderPage(options: { title: string; platformName: string; demo: boolean; body: string; cookieHeader: string | undefined }): string {
  const name = escapeHtml(options.platformName);
  return `<!doctype html>
<html lang="zh-CN" data-mode="${careModeChosen(options.cookieHeader) ? 'care' : 'standard'}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(options.title)} - ${name}</title>
<link rel="icon" href="/favicon.svg" type="image/svg+xml"><link rel="stylesheet" href="/static/pages.css"></head>
<body><header>${options.demo ? `<div class="demo-banner" role="note">${escapeHtml(ui.demoBanner)}</div>` : ''}
<div class="site-header"><div class="container"><a class="brand" href="/"><img class="brand-mark" src="/favicon.svg" alt=""><span class="brand-name">${name}</span></a></div></div></header>
<main class="card"><h1>${escapeHtml(options.title)}</h1>${options.body}</main>
<footer class="site-footer"><div class="container"><a href="/terms">${escapeHtml(ui.site.footerTerms)}</a> | <a href="/privacy">${escapeHtml(ui.site.footerPrivacy)}</a></div></footer>
</body></html>`;
}
