/**
 * Child process of the burst instruction counts, run under valgrind's callgrind by
 * `burstInstructions.ts`: bursts of one-token answers (the cost of starting a stream), each
 * through a fresh warm client, signed in slices (core's default) or in one turn
 * (`signingSliceMs: Infinity`), in the order the parent asks. measureBurst reads the process's
 * CPU time (`uv_getrusage`, which callgrind dumps before) as a burst starts and as it ends, so
 * each burst's instructions land in a dump of their own: dump 2k+2 (1-based) is burst k.
 */
import { childMain } from './childProcess.js';
import { measureBurst } from './measureBurst.js';
import type { EmulatorTarget } from './startEmulatorProcess.js';
import { warmBurstClient } from './warmBurstClient.js';

/** The signing mode of one burst. */
export type SigningMode = 'sliced' | 'unsliced';

/** What the parent asks for. */
export interface BurstInstructionRunInput {
  readonly target: EmulatorTarget;
  readonly streams: number;
  /** The bursts to run, in order. */
  readonly modes: readonly SigningMode[];
}

/** Per burst, in order: how many of its streams completed whole (one token and a finish event). */
export interface BurstInstructionRunResult {
  readonly whole: readonly number[];
  readonly failures: readonly string[];
}

childMain<BurstInstructionRunInput, BurstInstructionRunResult>(async ({ target, streams, modes }) => {
  const whole: number[] = [];
  const failures: string[] = [];
  for (const mode of modes) {
    const client = await warmBurstClient(target, streams, mode === 'sliced' ? undefined : Infinity);
    const figures = await measureBurst(client, streams, 1, 1);
    await client.close();
    whole.push(figures.whole);
    failures.push(...figures.failures);
  }
  return { whole, failures };
});
