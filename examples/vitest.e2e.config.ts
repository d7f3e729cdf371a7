import { defineConfig } from 'vitest/config';
import { sharedProjectConfig } from '../vitest.shared.js';

/**
 * The end-to-end tests of the examples: a real headless Chromium against the web chat and the
 * emulator (`pnpm test:e2e`). Kept out of `pnpm test` because they need a browser on the
 * machine (.ci/e2e installs one); the same source condition lets them run the workspace
 * packages' TypeScript without a build.
 */
const shared = sharedProjectConfig('examples-e2e');

export default defineConfig({
  ...shared,
  root: import.meta.dirname,
  test: {
    ...shared.test,
    include: ['e2e/**/*.e2e.ts'],
    // A browser launch and a page load take seconds on a cold CI machine.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
