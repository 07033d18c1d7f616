/**
 * The renderer's build: four pages (kiosk, board, desk, admin) sharing one assets folder, which the
 * hub serves at /<role> and /assets/* (main/hub/pages.ts). No inline scripts: the hub's CSP allows
 * only script files from its own origin.
 */
import { defineConfig } from 'vite';

// No Node built-ins here either: the layering rule keeps them out of renderer/ altogether.
const root = decodeURIComponent(new URL('.', import.meta.url).pathname).replace(/\/$/, '');
export const PAGES = ['kiosk', 'board', 'desk', 'admin', 'ticket'] as const;

export default defineConfig({
  root,
  base: '/',
  publicDir: false,
  logLevel: 'warn',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: process.env.TALON_RENDERER_OUT ?? `${root}/dist`,
    emptyOutDir: true,
    target: 'chrome110',
    // The modulepreload polyfill would be an inline script, which the CSP refuses; Chromium needs none.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    rollupOptions: { input: Object.fromEntries(PAGES.map((p) => [p, `${root}/${p}/index.html`])) },
  },
});
