import type { UserWorkspaceConfig } from 'vitest/config';

/** The export condition that points workspace packages at their TypeScript sources. */
export const sourceCondition = '@oci-genai-rx/source';

/**
 * Settings every workspace project shares: tests import the other packages' sources
 * (no build needed) through the source export condition.
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
      testTimeout: 20_000,
      hookTimeout: 20_000,
    },
  };
}
