import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // Node resolves `graphql` to its CommonJS build (no `exports` map), and so do graphql-tools and
    // Apollo; Vite would pick the `module` build for our own files. One instance, as in production.
    alias: [{ find: /^graphql$/, replacement: createRequire(import.meta.url).resolve('graphql') }],
  },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // Integration tests open real sockets; a couple of workers keeps a 2-core machine responsive.
    maxWorkers: 2,
    // Each worker imports the gateway once and runs its share of the files in it: re-importing
    // it for every file cost most of the suite's time. The tests share no module state (each
    // starts its own gateway, emulators and clock, and restores any spy or fake timer it sets).
    isolate: false,
  },
});
