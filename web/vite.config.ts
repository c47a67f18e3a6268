import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { compression } from 'vite-plugin-compression2';
import { narrowImports } from './narrowImports.js';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  // Every asset also as .gz and .br beside it: the desk serves those to browsers that take them.
  plugins: [narrowImports(), react(), compression({ algorithms: ['gzip', 'brotliCompress'] })],
  resolve: { alias: { '@contract': fileURLToPath(new URL('../src/contract', import.meta.url)) } },
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
  },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
});
