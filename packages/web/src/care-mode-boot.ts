// 关怀模式 must be in place before the first paint, or a person who chose it
// sees the small page flash first. The bundle is a module (deferred), so a
// tiny classic script in <head> sets <html data-mode> from localStorage; the
// switch (care-mode.tsx) changes the same attribute and key. The CSP forbids
// inline scripts, hence a file of its own, emitted by this Vite plugin. It
// also copies a choice made before the cookie existed into the cookie the
// server-rendered pages read (CARE_MODE_COOKIE).
import { createHash } from 'node:crypto';
import type { Plugin } from 'vite';
// By path, not the package name: the Vite config that loads this file runs on Node, which cannot import the workspace packages' .ts entry.
import { CARE_MODE_COOKIE } from '../../schemas/src/constants.ts';

/** localStorage key of the choice ('on' for 关怀模式, anything else the standard look). */
export const CARE_MODE_KEY = 'uia.careMode';

/** The cookie's attributes: a year, every path of the platform (the app is under /app/), Secure on https. */
const COOKIE_ATTRIBUTES = '; Path=/; Max-Age=31536000; SameSite=Lax';

/** The `document.cookie` assignment remembering the choice for the server-rendered pages (`secure`: the page is on https). */
export function careModeCookie(care: boolean, secure: boolean): string {
  return `${CARE_MODE_COOKIE}=${care ? 'on' : 'off'}${COOKIE_ATTRIBUTES}${secure ? '; Secure' : ''}`;
}

const BOOT_SCRIPT = `(function () {
  var stored = null;
  try { stored = window.localStorage.getItem(${JSON.stringify(CARE_MODE_KEY)}); } catch (e) { /* storage disabled: standard */ }
  document.documentElement.setAttribute('data-mode', stored === 'on' ? 'care' : 'standard');
  if (stored && document.cookie.indexOf(${JSON.stringify(`${CARE_MODE_COOKIE}=`)}) < 0) {
    document.cookie = ${JSON.stringify(`${CARE_MODE_COOKIE}=`)} + (stored === 'on' ? 'on' : 'off') + ${JSON.stringify(COOKIE_ATTRIBUTES)} + (location.protocol === 'https:' ? '; Secure' : '');
  }
})();
`;

/** Emits the boot script under `assets/` (served with the bundle, cached by the app's service worker) and loads it first in <head>. */
export function careModeBoot(base: string): Plugin {
  const fileName = `assets/care-mode-${createHash('sha256').update(BOOT_SCRIPT).digest('hex').slice(0, 8)}.js`;
  const url = `${base}${fileName}`;
  return {
    name: 'uia-care-mode-boot',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName, source: BOOT_SCRIPT });
    },
    configureServer(server) {
      server.middlewares.use(url, (_request, response) => {
        response.setHeader('content-type', 'text/javascript; charset=utf-8');
        response.end(BOOT_SCRIPT);
      });
    },
    transformIndexHtml: () => [{ tag: 'script', attrs: { src: url }, injectTo: 'head-prepend' }],
  };
}
