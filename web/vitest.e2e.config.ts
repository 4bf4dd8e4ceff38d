import { defineConfig } from 'vitest/config';

// Browser tests against a running stack; started by e2e/run.mjs, which checks
// first that the stack answers and that Chromium is installed.
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    setupFiles: ['e2e/setup.ts'],
    environment: 'node',
    fileParallelism: false, // one browser at a time: the machine has two cores
    testTimeout: 90_000,
    hookTimeout: 60_000,
    reporters: ['verbose'],
  },
});
