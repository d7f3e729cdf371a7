/**
 * Child process: one contender, set up and warmed up once, then one measured stream of the whole
 * answer each time the parent asks (bench/src/throughput.ts measures it in turns with its
 * baseline's process).
 */
import { createHash } from 'node:crypto';
import { childSessionMain } from './childSession.js';
import { contenderById } from './contenders/contenders.js';
import type { EmulatorTarget } from './startEmulatorProcess.js';
import { threadCpuUs } from './threadCpu.js';

/** What the parent asks for. */
export interface ContenderRunInput {
  readonly contender: string;
  readonly target: EmulatorTarget;
  readonly prompt: string;
  /** Length of the warm-up answer (a prefix of the measured one, cut with maxTokens). */
  readonly warmupTokens: number;
}

/** What one measured stream cost, in the contender's process only, and what it delivered. */
export interface StreamCost {
  /** User plus system CPU of the whole process, microseconds (`process.cpuUsage()` delta). */
  readonly cpuUs: number;
  /**
   * CPU of the main thread alone, microseconds: the stream's own work, without V8's background
   * compiler and GC helper threads. Undefined where there is no /proc/thread-self/schedstat.
   */
  readonly mainThreadCpuUs: number | undefined;
  readonly wallMs: number;
  /** Pieces handed to the user (text deltas, or sentences for the operator pipeline). */
  readonly pieces: number;
  readonly textLength: number;
  readonly textSha256: string;
}

childSessionMain<ContenderRunInput, StreamCost>(async ({ contender, target, prompt, warmupTokens }) => {
  const session = (await contenderById(contender).load()).open(target);
  // Two warm-ups: the first stream's optimized code inlines that stream's own per-subscription
  // closures, so the second stream deoptimizes and recompiles it (about 49 functions for the
  // usual pipeline, 21 for core's text, "wrong call target"); from the third stream on the code
  // is stable. The same for every contender. Then no forced GC: a freshly shrunk heap would make
  // the measured stream pay for growing it again.
  await session.stream(prompt, warmupTokens);
  await session.stream(prompt, warmupTokens);
  return {
    async measure() {
      const threadBefore = threadCpuUs();
      const cpuBefore = process.cpuUsage();
      const start = performance.now();
      const outcome = await session.stream(prompt);
      const wallMs = performance.now() - start;
      const cpu = process.cpuUsage(cpuBefore);
      const threadAfter = threadCpuUs();
      return {
        cpuUs: cpu.user + cpu.system,
        mainThreadCpuUs: threadBefore === undefined || threadAfter === undefined ? undefined : threadAfter - threadBefore,
        wallMs,
        pieces: outcome.pieces,
        textLength: outcome.text.length,
        textSha256: createHash('sha256').update(outcome.text).digest('hex'),
      };
    },
    close: () => session.close(),
  };
});
