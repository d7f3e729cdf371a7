/**
 * Child process: one measured stream of one contender, after two warm-up streams in the same
 * process (so the JIT has compiled the hot path, and compiled it for good).
 */
import { createHash } from 'node:crypto';
import { childMain } from './childProcess.js';
import { contenderById } from './contenders/contenders.js';
import type { EmulatorTarget } from './startEmulatorProcess.js';

/** What the parent asks for. */
export interface ContenderRunInput {
  readonly contender: string;
  readonly target: EmulatorTarget;
  readonly prompt: string;
  /** Length of the warm-up answer (a prefix of the measured one, cut with maxTokens). */
  readonly warmupTokens: number;
}

/** What one measured stream cost, in the contender's process only. */
export interface ContenderRunResult {
  /** User plus system CPU, microseconds (`process.cpuUsage()` delta). */
  readonly cpuUs: number;
  readonly wallMs: number;
  /** Pieces handed to the user (text deltas, or sentences for the operator pipeline). */
  readonly pieces: number;
  readonly textLength: number;
  readonly textSha256: string;
}

childMain<ContenderRunInput, ContenderRunResult>(async ({ contender, target, prompt, warmupTokens }) => {
  const session = (await contenderById(contender).load()).open(target);
  // Two warm-ups: the first stream's optimized code inlines that stream's own per-subscription
  // closures, so the second stream deoptimizes and recompiles it (about 49 functions for the
  // usual pipeline, 21 for core's text, "wrong call target"); from the third stream on the code
  // is stable. The same for every contender. Then no forced GC: a freshly shrunk heap would make
  // the measured stream pay for growing it again.
  await session.stream(prompt, warmupTokens);
  await session.stream(prompt, warmupTokens);
  const cpuBefore = process.cpuUsage();
  const start = performance.now();
  const outcome = await session.stream(prompt);
  const wallMs = performance.now() - start;
  const cpu = process.cpuUsage(cpuBefore);
  await session.close();
  return {
    cpuUs: cpu.user + cpu.system,
    wallMs,
    pieces: outcome.pieces,
    textLength: outcome.text.length,
    textSha256: createHash('sha256').update(outcome.text).digest('hex'),
  };
});
