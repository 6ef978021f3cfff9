// Vite build of the web app (served by `marsad serve` from dist/web/). Preact's JSX through Vite's own Oxc transformer.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: here,
  base: './',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    // The world map is a large JSON file; keep it in its own chunk, loaded only by the map views.
    chunkSizeWarningLimit: 1500,
  },
  server: {
    // `npx vite --config web/vite.config.ts` during development: the API of a running `marsad serve`.
    proxy: { '/api': process.env.MARSAD_API ?? 'http://127.0.0.1:8080' },
  },
});
