import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The console is served by the gateway under /console/ and talks to the same origin's
 * /graphql (HTTP and WebSocket). `npm run dev` proxies those to a running `npm start`
 * (GATEWAY_URL, default http://127.0.0.1:4000) so the console can be worked on with hot reload.
 */
const gateway = process.env.GATEWAY_URL ?? 'http://127.0.0.1:4000';

export default defineConfig({
  base: '/console/',
  plugins: [react()],
  // One main bundle (React, Apollo Client and graphql-js are most of it), and the overview with its charts
  // (recharts) in a chunk of its own that loads on first visit; all cached as immutable.
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 700 },
  server: {
    proxy: {
      '/graphql': { target: gateway, ws: true },
      '/dev': { target: gateway },
    },
  },
});
