import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** `npm run dev -w clients/web` on :5173 (the router's default CORS origin); `npm run build` to dist/. */
export default defineConfig({
  plugins: [react()],
  server: { port: 5173, strictPort: true },
  preview: { port: 5173, strictPort: true },
  // One ~140 kB (gzip) bundle is fine for this app; the warning would only be noise in the test output.
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 800 },
});
