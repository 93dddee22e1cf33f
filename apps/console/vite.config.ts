import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { browserShell } from '../../packages/web/src/shell/browser-shell.ts';
import { careModeBoot } from '../../packages/web/src/care-mode-boot.ts';

// The idp server serves `dist/` at /console/ (routes/console-pages.ts) and falls back to
// index.html for the console's pages. Its CSP forbids inline scripts and styles.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/console/',
  plugins: [react(), browserShell(), careModeBoot('/console/')],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
});
