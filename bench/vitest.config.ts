import { defineProject } from 'vitest/config';
import { sharedProjectConfig } from '../vitest.shared.js';

const shared = sharedProjectConfig('bench');

/**
 * The reliability suite (fault matrix, fuzzing, soak, security) runs with `pnpm test`; the
 * benchmarks do not (they are `pnpm bench`). `--expose-gc` lets the soak measure the heap after a
 * full collection: the workers are child processes (vitest's default `forks` pool), so the flag applies.
 */
export default defineProject({
  ...shared,
  test: {
    ...shared.test,
    include: ['reliability/**/*.test.ts', 'test/**/*.test.ts'],
    execArgv: ['--expose-gc'],
    testTimeout: 60_000,
  },
});
