import { defineConfig } from 'vitest/config';

/** The tests that drive Debian's Chromium: they time live updates, so they run on their own (see below). */
const BROWSER_TESTS = ['test/web*.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'desk',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          // Two app instances need a real server to share: that test runs when TEST_DATABASE_URL names one.
          exclude: [
            ...BROWSER_TESTS,
            ...(process.env.TEST_DATABASE_URL ? [] : ['test/twoInstances.test.ts']),
          ],
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: BROWSER_TESTS,
          // After the rest, one file at a time: a browser with three people and the desk beside it fill two
          // cores, and a second such file (or the intake benchmarks' neighbours) beside it would time the
          // machine rather than the live feed's few seconds.
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
