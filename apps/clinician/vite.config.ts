/** Vite build of the clinician app; `npm run dev -w @ketapath/clinician` proxies /api to a running server. */
import { defineConfig, defaultClientConditions } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  resolve: { conditions: ['source', ...defaultClientConditions] },
  server: { proxy: { '/api': process.env.KETAPATH_API ?? 'http://127.0.0.1:3000' } },
  build: { outDir: 'dist', sourcemap: true },
});
