import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { ui } from '../../packages/i18n/src/ui.ts';
import { browserShell } from '../../packages/web/src/shell/browser-shell.ts';
import { careModeBoot } from '../../packages/web/src/care-mode-boot.ts';

const BASE = '/app/';

/**
 * Emits the PWA files next to the bundle:
 * - `manifest.webmanifest` (neutral default name from ui.ts; the server puts
 *   the configured platform name in when it serves the file);
 * - `sw.js`, from `sw-template.js` with the app shell's files and a version
 *   derived from their hashed names, so every build installs a fresh cache.
 */
/** The shell's title comes from the catalogue too (the rest of the shell: browserShell). */
function shellText(): Plugin {
  const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return {
    name: 'uia-app-shell-text',
    transformIndexHtml: (html) => html.replace('%UIA_APP_TITLE%', escape(ui.app.manifestName)),
  };
}

function pwaFiles(): Plugin {
  return {
    name: 'uia-app-pwa-files',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      const built = Object.keys(bundle)
        .filter((name) => name.startsWith('assets/') && /\.(js|css|svg|png|woff2?)$/.test(name))
        .sort();
      const icons = ['icons/icon.svg', 'icons/icon-192.png', 'icons/icon-512.png', 'icons/maskable-512.png'];
      const shell = [BASE, ...built.map((name) => BASE + name), `${BASE}manifest.webmanifest`, ...icons.map((name) => BASE + name)];
      const version = createHash('sha256').update(shell.join('\n')).digest('hex').slice(0, 16);

      const manifest = {
        name: ui.app.manifestName,
        short_name: ui.app.manifestShortName,
        description: ui.app.manifestDescription,
        lang: 'zh-CN',
        id: BASE,
        start_url: BASE,
        scope: BASE,
        display: 'standalone',
        orientation: 'portrait',
        background_color: '#f3f5f8',
        theme_color: '#d9001b',
        icons: [
          { src: `${BASE}icons/icon.svg`, sizes: 'any', type: 'image/svg+xml' },
          { src: `${BASE}icons/icon-192.png`, sizes: '192x192', type: 'image/png' },
          { src: `${BASE}icons/icon-512.png`, sizes: '512x512', type: 'image/png' },
          { src: `${BASE}icons/maskable-512.png`, sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      };
      this.emitFile({ type: 'asset', fileName: 'manifest.webmanifest', source: `${JSON.stringify(manifest, null, 2)}\n` });

      const template = readFileSync(fileURLToPath(new URL('./sw-template.js', import.meta.url)), 'utf8');
      const sw = template.replace('__SHELL_VERSION__', version).replace('__SHELL_FILES__', JSON.stringify(shell));
      this.emitFile({ type: 'asset', fileName: 'sw.js', source: sw });
    },
  };
}

// The idp serves `dist/` at /app/ (apps/idp/src/routes/app-pages.ts) and
// falls back to index.html for the app's page routes. Its CSP forbids inline
// scripts and styles, so nothing is inlined.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: BASE,
  plugins: [react(), shellText(), browserShell(), careModeBoot(BASE), pwaFiles()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
});
