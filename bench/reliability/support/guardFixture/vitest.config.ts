import { defineConfig } from 'vitest/config';
import { sharedProjectConfig } from '../../../../vitest.shared.js';

/**
 * The guard fixture's own config: the shared project settings (with the guard), and vitest's
 * own unhandled-error report switched off, so that only the guard can fail the tests.
 */
const shared = sharedProjectConfig('guard-fixture');

export default defineConfig({
  ...shared,
  root: import.meta.dirname,
  test: { ...shared.test, include: ['*.fixture.ts'], dangerouslyIgnoreUnhandledErrors: true },
});
