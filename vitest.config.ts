import { defineConfig } from 'vitest/config';

// CI runs on 2 cores. The end-to-end tests spawn the CLI (which may itself start a worker
// thread per scenario), so tests run in child processes ('forks': a crashed or hung scenario
// cannot take the runner down with it, and process.exit / signal handling stay real) and get a
// generous timeout.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    environment: 'node',
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    teardownTimeout: 10_000,
  },
});
