import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** `npm run dev -w clients/web` on :5173 (the router's default CORS origin); `npm run build` to dist/. */
export default defineConfig({
  plugins: [react()],
  server: { port: 5173, strictPort: true },
  preview: { port: 5173, strictPort: true },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
});
