import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BurstInstructionRunInput, BurstInstructionRunResult, SigningMode } from './burstInstructionProcess.js';
import { runScript } from './childProcess.js';
import { callgrindCommand, phaseCounts } from './instructionCounts.js';
import { startEmulatorProcess } from './startEmulatorProcess.js';

/** Instructions per started stream (one-token answers), signed in slices and in one turn, one process. */
export interface BurstInstructionReport {
  readonly streams: number;
  /** The valgrind command line in front of node. */
  readonly valgrind: readonly string[];
  /** Instructions per stream of each measured burst signed in slices (core's default). */
  readonly sliced: readonly number[];
  /** Instructions per stream of each measured burst signed in one turn (`signingSliceMs: Infinity`). */
  readonly unsliced: readonly number[];
  /** `sliced` over `unsliced`, each summed over its bursts. */
  readonly ratio: number;
  readonly durationS: number;
}

/**
 * The warm-up bursts (one in each mode: the first burst of a process also pays for compiling the
 * request path and tiering up undici's HTTP parser, about 1.3 M instructions a stream, which
 * would land on whichever mode went first), then the measured ones, alternating so that neither
 * mode always runs in the warmer process.
 */
const warmupModes: readonly SigningMode[] = ['sliced', 'unsliced'];
const measuredModes: readonly SigningMode[] = ['unsliced', 'sliced', 'sliced', 'unsliced'];

/**
 * Counts, with valgrind's callgrind, the instructions of the process per started stream while
 * `streams` one-token answers start at once through one client, signed in slices and signed in
 * one turn. CPU time on a shared machine moves by more than the difference sought (the CPU
 * ratio of the same code swung 0.91–1.30x from one run to the next); an instruction count moves
 * far less. It leaves out the kernel's share (system time, 2–5% of a started stream's CPU here)
 * and how fast each instruction runs, which is what a loaded machine changes. Under valgrind a
 * signature outlasts a 5 ms slice, so each turn signs one request: the most turns, and the most
 * interleaving of signing with sockets, that slicing can give.
 *
 * @example
 * ```ts
 * const report = await measureBurstInstructions(100);
 * report.ratio; // 1.03: slicing adds next to no instructions per started stream
 * ```
 */
export async function measureBurstInstructions(streams: number): Promise<BurstInstructionReport> {
  const started = performance.now();
  const valgrind = callgrindCommand();
  const emulator = await startEmulatorProcess({ tokens: 20, ttftMs: 1500, tokenIntervalMs: 25 });
  const directory = mkdtempSync(join(tmpdir(), 'oci-genai-rx-burst-callgrind-'));
  try {
    const modes = [...warmupModes, ...measuredModes];
    const input: BurstInstructionRunInput = { target: { url: emulator.url, credentials: emulator.credentials }, streams, modes };
    const result = await runScript<BurstInstructionRunResult>('burstInstructionProcess.ts', input, 1_800_000, [...valgrind, `--callgrind-out-file=${join(directory, 'burst.callgrind')}`]);
    if (result.whole.some((whole) => whole !== streams)) {
      throw new Error(`a burst under valgrind did not complete every stream whole (${result.whole.join(', ')} of ${streams}): ${result.failures.slice(0, 3).join('; ')}`);
    }
    const counts = phaseCounts(directory, 'burst.callgrind');
    // Each burst reads the CPU time as it starts and as it ends: two dumps a burst, the burst's own second.
    if (counts.length !== modes.length * 2) {
      throw new Error(`callgrind wrote ${counts.length} dumps for ${modes.length} bursts, expected ${modes.length * 2}: something else in the process entered uv_getrusage`);
    }
    const perStream = (mode: SigningMode): number[] =>
      modes.flatMap((each, burst) => (burst >= warmupModes.length && each === mode ? [(counts[burst * 2 + 1] ?? Number.NaN) / streams] : []));
    const sliced = perStream('sliced');
    const unsliced = perStream('unsliced');
    const sum = (values: readonly number[]): number => values.reduce((total, value) => total + value, 0);
    return { streams, valgrind, sliced, unsliced, ratio: sum(sliced) / sum(unsliced), durationS: (performance.now() - started) / 1000 };
  } finally {
    await emulator.close();
    rmSync(directory, { recursive: true, force: true });
  }
}
