import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Plugin } from 'vite';
import { ui } from '../../../i18n/src/ui.ts';

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function message(title: string, lines: readonly string[], role = ''): string {
  return `<div class="boot-message"${role ? ` role="${role}"` : ''}><h1 class="boot-title">${escapeHtml(title)}</h1>${lines.map((line) => `<p>${escapeHtml(line)}</p>`).join('')}</div>`;
}

/**
 * What a page shows before its bundle runs, for the portal and the app
 * alike: 加载中 (only once the check script has marked the page as
 * scripted), the <noscript> text, and the check script (browser-check.js)
 * that puts 浏览器版本过低 in its place where the bundle cannot run. The
 * script is emitted as a hashed asset: the CSP allows no inline script.
 */
export function browserShell(): Plugin {
  const text = ui.browserShell;
  const source = readFileSync(new URL('./browser-check.js', import.meta.url), 'utf8').replace(
    '__UIA_OLD_BROWSER_HTML__',
    JSON.stringify(message(text.oldBrowserTitle, [text.oldBrowserText, text.supportedBrowsers, text.chineseBrowsers], 'alert')),
  );
  const fileName = `assets/browser-check-${createHash('sha256').update(source).digest('hex').slice(0, 8)}.js`;
  let base = '/';
  return {
    name: 'uia-browser-shell',
    configResolved(config) {
      base = config.base;
    },
    transformIndexHtml(html) {
      const boot =
        `<div class="boot" id="uia-boot"><p class="boot-loading" role="status"><span class="boot-spinner" aria-hidden="true"></span>${escapeHtml(text.loading)}</p>` +
        `<noscript>${message(text.noscriptTitle, [text.noscriptText, text.supportedBrowsers])}</noscript></div>`;
      return {
        html: html.replace('<div id="root"></div>', `<div id="root">${boot}</div>`),
        tags: [{ tag: 'script', attrs: { src: `${base}${fileName}` }, injectTo: 'head' }],
      };
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName, source });
    },
  };
}
