/**
 * The renderer's build (issue #3). One static bundle that both hosts serve: the
 * Electron shell (app:// and ioffice-file://) and the web host (127.0.0.1, /rpc,
 * /files/<sha256>). Relative base so it works under either origin; no inline
 * script anywhere, so the strict CSP below holds (docs/decisions.md §10).
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/**
 * The renderer's own Content-Security-Policy, as a <meta> in the built page so it
 * applies under every host. A host may send a stricter header too (both apply).
 * - script-src 'self': no inline scripts, no eval (pdf.js runs with isEvalSupported: false).
 * - style-src 'unsafe-inline': antd's CSS-in-JS writes <style> elements at run time.
 * - connect-src 'self': the RPC WebSocket and /files/<sha> on the web host; ioffice-file: in Electron.
 */
export const RENDERER_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob: ioffice-file:",
  "font-src 'self' data:",
  "connect-src 'self' ioffice-file:",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

function cspMeta(): Plugin {
  return {
    name: 'ioffice-csp-meta',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler: (html) => html.replace('<head>', `<head>\n    <meta http-equiv="Content-Security-Policy" content="${RENDERER_CSP}" />`),
    },
  };
}

export default defineConfig({
  root: fileURLToPath(new URL('./src/renderer', import.meta.url)),
  base: './',
  plugins: [react(), cspMeta()],
  build: {
    outDir: fileURLToPath(new URL('./dist/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    // The module-preload polyfill would be an inline script; every supported Chromium has modulepreload.
    modulePreload: { polyfill: false },
    // No data: URLs for assets: everything is a file served from 'self'.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 4000,
  },
  worker: { format: 'es' },
  server: { host: '127.0.0.1' },
});
