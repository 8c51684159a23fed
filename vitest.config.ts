import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  // Node loads graphql's CommonJS build for the libraries (Pothos, Yoga); make our sources use the
  // same copy, or graphql refuses types "from another module or realm".
  resolve: { alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }] },
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/helpers/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // The second lists the specs skipped for want of ../shared.
    reporters: ['default', './tests/helpers/shared-specs-reporter.ts'],
  },
});
