import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { ui } from '../../packages/i18n/src/ui.ts';
import { browserShell } from '../../packages/web/src/shell/browser-shell.ts';
import { careModeBoot } from '../../packages/web/src/care-mode-boot.ts';

const BASE = '/console/';

/** The shell's title comes from the catalogue too (the rest of the shell: browserShell). */
function shellText(): Plugin {
  return {
    name: 'uia-console-shell-text',
    transformIndexHtml: (html) => html.replace('%UIA_CONSOLE_TITLE%', ui.console.title),
  };
}

// The idp serves `dist/` at /console/ (apps/idp/src/routes/console-pages.ts) and
// falls back to index.html for the console's pages. Its CSP forbids inline
// scripts and styles, so nothing is inlined.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: BASE,
  plugins: [react(), shellText(), browserShell(), careModeBoot(BASE)],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
});
