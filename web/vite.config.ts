/// <reference types="vitest/config" />
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// `npm run dev`: Vite's dev server with hot reload, in front of the local
// stack (`make run`, http://localhost:3000 unless LOCAL_STACK_URL says
// otherwise). The API, cognito-local (/_cognito), the car images (/static),
// the chatbot's Lex runtime (/bots),
// the runtime config and the local helper routes are proxied to it, so the
// page and everything it calls share one origin, as under `make run`. The
// app calls the API under /api (config.json's apiBaseUrl, as in the cloud);
// the root paths are for curl and older configs.
const stack = process.env.LOCAL_STACK_URL ?? 'http://localhost:3000';
const proxied = ['/api', '/locations', '/cars', '/bookings', '/_cognito', '/_local', '/config.json', '/static', '/bots'];

export default defineConfig({
  plugins: [react()],
  server: {
    port: Number(process.env.PORT ?? 5173),
    strictPort: true,
    proxy: Object.fromEntries(proxied.map((path) => [path, { target: stack, changeOrigin: false }])),
  },
  preview: {
    port: 4173,
    proxy: Object.fromEntries(proxied.map((path) => [path, { target: stack, changeOrigin: false }])),
  },
  build: {
    target: 'es2022',
    sourcemap: true,
    // The size check (scripts/check-size.mjs) is the budget that counts.
    chunkSizeWarningLimit: 700,
    rolldownOptions: {
      output: {
        // Named vendor chunks: they change less often than our code, so
        // browsers keep them cached across deployments, and the size report
        // says where the bytes are.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 3 },
            { name: 'router', test: /node_modules[\\/](react-router|cookie|set-cookie-parser)[\\/]/, priority: 2 },
            // Amplify alone: the AWS SDK packages it shares with the chat
            // panel's Lex client must not pull the rest of the SDK into the
            // first page (they are chunked with whoever imports them).
            { name: 'amplify', test: /node_modules[\\/](@aws-amplify|aws-amplify|tslib|js-cookie|rxjs)[\\/]/, priority: 1 },
            // Our code that the first page needs, in one chunk: left to
            // itself the bundler splits off every module that a lazy page
            // shares (the auth context, the UI pieces, ...), and each split
            // is one more request on the first page's critical path.
            { name: 'app', test: /[\\/]src[\\/]/, tags: ['$initial'], priority: 0 },
          ],
        },
      },
    },
  },
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'scripts/**/*.test.{ts,mjs}'],
    environment: 'node',
    restoreMocks: true,
  },
});
