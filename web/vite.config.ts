import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The web app: built into web/dist, served by `riscossa serve` at /. In development
// (`npx vite web`), /api goes to a server started with `npm run riscossa -- serve`.
export default defineConfig({
  root: new URL('.', import.meta.url).pathname,
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 1200 },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
