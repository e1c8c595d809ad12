import { defineConfig } from 'vite';

export default defineConfig({
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    sourcemap: true,
  },
  server: { port: ${{ values.port }} },
  preview: { port: ${{ values.port }} },
});
