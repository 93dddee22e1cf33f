// 关怀模式 must be in place before the first paint, or a person who chose it
// sees the small page flash first. The bundle is a module (deferred), so a
// tiny classic script in <head> sets <html data-mode> from localStorage; the
// switch (care-mode.tsx) changes the same attribute and key. The CSP forbids
// inline scripts, hence a file of its own, emitted by this Vite plugin.
import { createHash } from 'node:crypto';
import type { Plugin } from 'vite';

/** localStorage key of the choice ('on' for 关怀模式, anything else the standard look). */
export const CARE_MODE_KEY = 'uia.careMode';

const BOOT_SCRIPT = `(function () {
  var care = false;
  try { care = window.localStorage.getItem(${JSON.stringify(CARE_MODE_KEY)}) === 'on'; } catch (e) { /* storage disabled: standard */ }
  document.documentElement.setAttribute('data-mode', care ? 'care' : 'standard');
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
