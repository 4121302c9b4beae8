import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const root = fileURLToPath(new URL('.', import.meta.url));
const workspace = fileURLToPath(new URL('../..', import.meta.url));
const api = process.env.PARTYFLOW_API_URL ?? 'http://127.0.0.1:3000';

/**
 * The web page (issue 10). Built into dist/apps/web and served by the API at /app (same origin). `nx serve web`
 * runs Vite's dev server and forwards every API path to the API at PARTYFLOW_API_URL.
 */
export default defineConfig({
  root,
  base: '/app/',
  plugins: [react()],
  resolve: {
    alias: { '@partyflow/domain': `${workspace}/libs/domain/src/index.ts` },
  },
  build: {
    outDir: `${workspace}/dist/apps/web`,
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      // libs/domain is pure (workflow-safe: no I/O, no module-level effects), so what the page does not call is
      // dropped: the page takes the glossary and a few rules, not the lunar calendar or the deadline engine.
      treeshake: { moduleSideEffects: (id) => !id.includes('/libs/domain/src/') },
    },
  },
  server: {
    proxy: { '^/(?!app/|app$|@|node_modules|src/).*': { target: api, changeOrigin: false } },
  },
});
