import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { browserShell } from '../../packages/web/src/shell/browser-shell.ts';
import { careModeBoot } from '../../packages/web/src/care-mode-boot.ts';

// The idp server serves `dist/` at `/` and falls back to index.html for the
// SPA routes (/, /interaction/:uid, /register, /forgot-password, /account,
// /terms, /privacy). Its CSP forbids inline scripts and styles, so nothing is inlined.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  plugins: [react(), browserShell(), careModeBoot('/')],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
});
