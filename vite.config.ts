// The renderer's build: renderer/ -> dist/renderer/, with relative asset URLs so the same build
// loads from app:// (Electron) and from the loopback web host.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('./renderer', import.meta.url)),
  base: './',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'chrome130',
    // Chromium supports modulepreload natively; no polyfill keeps the bundle CSP-simple.
    modulePreload: { polyfill: false },
    // Two pages: the desk, and the token's PIN window (Electron's main process opens it).
    rollupOptions: {
      input: {
        index: fileURLToPath(new URL('./renderer/index.html', import.meta.url)),
        pin: fileURLToPath(new URL('./renderer/pin.html', import.meta.url)),
      },
    },
  },
});
