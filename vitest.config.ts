import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Two app instances need a real server to share: that test runs when TEST_DATABASE_URL names one.
    exclude: process.env.TEST_DATABASE_URL ? [] : ['test/twoInstances.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
