/** Minimal server-rendered pages (oidc-provider's logout and error screens), Chinese, CSP-safe. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function renderPage(options: { title: string; platformName: string; demo: boolean; body: string }): string {
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(options.title)} - ${escapeHtml(options.platformName)}</title>
<link rel="icon" href="/favicon.svg" type="image/svg+xml"><link rel="stylesheet" href="/static/pages.css"></head>
<body>${options.demo ? '<div class="demo-banner">演示环境：本页面为统一身份认证平台的演示部署，请勿输入真实个人信息。</div>' : ''}
<header class="site-header"><span class="site-name">${escapeHtml(options.platformName)}</span></header>
<main class="card"><h1>${escapeHtml(options.title)}</h1>${options.body}</main></body></html>`;
}
