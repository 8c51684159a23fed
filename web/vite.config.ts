// Builds the dashboard (web/) into web/dist: hashed assets under assets/, index.html, and the
// manifest of trusted documents. `npm run dev:web` serves it with hot reload, sending API calls to a
// talkgraph running on port 4000.
import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import { graphqlDocuments } from './graphql-documents.ts';

const root = import.meta.dirname;

export default defineConfig({
  root,
  base: '/',
  publicDir: resolve(root, 'public'),
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  plugins: [graphqlDocuments({ schemaFile: resolve(root, '../schema/schema.graphql') })],
  build: {
    outDir: resolve(root, 'dist'),
    emptyOutDir: true,
    target: 'es2022',
    // Served from talkgraph itself: no inline polyfill script, so the page's CSP can forbid inline scripts.
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 1500,
    reportCompressedSize: false,
    // Quiet at install: the timing report names plugins that are slow only on a busy machine.
    rolldownOptions: { checks: { bundlerTimings: false } },
  },
  server: {
    proxy: { '/graphql': 'http://127.0.0.1:4000' },
  },
});
