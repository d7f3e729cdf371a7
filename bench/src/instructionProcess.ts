/**
 * Child process of the instruction counts, run under valgrind's callgrind by
 * `instructionCounts.ts`: a warm-up stream per answer, then two measured streams of each answer,
 * each checked by its hash. Between the phases it calls {@link markPhase}; callgrind is started
 * with `--dump-before=uv_getrusage`, so each call writes the instructions counted since the
 * previous one to a file of its own. Start-up, the warm-ups and the exit each land in a file of
 * their own and never in a stream's count.
 */
import { createHash } from 'node:crypto';
import { childMain } from './childProcess.js';
import { contenderById } from './contenders/contenders.js';
import type { EmulatorTarget } from './startEmulatorProcess.js';

/** What the parent asks for. */
export interface InstructionRunInput {
  readonly contender: string;
  readonly target: EmulatorTarget;
  /** The answers to stream, in order. */
  readonly prompts: readonly string[];
  readonly warmupTokens: number;
  /** Measured streams of each answer after the warm-ups. */
  readonly streamsPerPrompt: number;
}

/** The SHA-256 of each measured stream's text, in the order they ran (prompt by prompt). */
export interface InstructionRunResult {
  readonly textSha256: readonly string[];
}

/**
 * Ends a phase: `process.cpuUsage()` is the one call in the process that enters libuv's
 * `uv_getrusage`, the function callgrind dumps before. Nothing else in node or the contenders
 * calls it, which the parent checks by the number of dumps.
 */
export function markPhase(): void {
  process.cpuUsage();
}

childMain<InstructionRunInput, InstructionRunResult>(async ({ contender, target, prompts, warmupTokens, streamsPerPrompt }) => {
  const loaded = await contenderById(contender).load();
  const warmup = loaded.open(target);
  for (const prompt of prompts) await warmup.stream(prompt, warmupTokens);
  await warmup.close();
  const textSha256: string[] = [];
  markPhase();
  for (const prompt of prompts) {
    for (let stream = 0; stream < streamsPerPrompt; stream += 1) {
      // A session per stream: a dump can outlast the emulator's keep-alive timeout, and a request
      // on a connection the server has just closed fails. Opening a client is a small, fixed cost
      // beside a long answer, the same for the first stream and the second.
      const session = loaded.open(target);
      const outcome = await session.stream(prompt);
      await session.close();
      markPhase();
      textSha256.push(createHash('sha256').update(outcome.text).digest('hex'));
    }
  }
  return { textSha256 };
});
