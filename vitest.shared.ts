import { fileURLToPath } from 'node:url';
import type { UserWorkspaceConfig } from 'vitest/config';

/** The export condition that points workspace packages at their TypeScript sources. */
export const sourceCondition = '@oci-genai-rx/source';

/** Fails a test during which a rejection went unhandled or an exception uncaught. */
export const failOnUnhandled = fileURLToPath(new URL('./vitest.failOnUnhandled.ts', import.meta.url));

/**
 * Settings every workspace project shares: tests import the other packages' sources
 * (no build needed) through the source export condition, and an unhandled rejection or an
 * uncaught exception fails the test it happened in.
 */
export function sharedProjectConfig(name: string): UserWorkspaceConfig {
  const conditions = [sourceCondition, 'node', 'import', 'default'];
  return {
    resolve: { conditions },
    ssr: { resolve: { conditions, externalConditions: [sourceCondition] } },
    test: {
      name,
      include: ['test/**/*.test.ts'],
      environment: 'node',
      setupFiles: [failOnUnhandled],
      testTimeout: 20_000,
      hookTimeout: 20_000,
    },
  };
}
