/**
 * Child process of the instruction counts, run under valgrind's callgrind by
 * `instructionCounts.ts`: a warm-up stream per answer, then the measured streams of each answer,
 * each checked by its hash, each after a full garbage collection. Between the phases it calls {@link markPhase}; callgrind is started
 * with `--dump-before=uv_getrusage`, so each call writes the instructions counted since the
 * previous one to a file of its own. Start-up, the warm-ups and the exit each land in a file of
 * their own and never in a stream's count.
 */
import { createHash } from 'node:crypto';
import { setFlagsFromString } from 'node:v8';
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

/** What the child did, phase by phase (callgrind wrote one dump per phase, in this order). */
export interface InstructionRunResult {
  /** Per phase: `stream` (one measured stream; `prompt` and `repetition` say which) or `other` (start-up, warm-up, collecting garbage). */
  readonly phases: ReadonlyArray<{ readonly kind: 'stream'; readonly prompt: number; readonly repetition: number } | { readonly kind: 'other' }>;
  /** The SHA-256 of each measured stream's text, in the order they ran (prompt by prompt). */
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

/**
 * A full collection, as V8 runs one on its own: `gc({ type: 'major', execution: 'sync', flavor: 'regular' })`, from
 * the bench's `--expose-gc`. Not a bare `gc()`: that is a forced, memory-reducing collection, which
 * also drops the hidden classes (maps) that only the previous stream's objects used, and with them
 * every optimized function that embedded one ("marking dependent code … for deoptimization, reason:
 * weak objects" in `--trace-deopt-verbose`). Each stream then paid for compiling its hot code again,
 * on the compiler threads callgrind counts: about 50 functions a stream for the operator pipeline,
 * which keeps its state in class instances, against 7 for the bare loop. A collection the process
 * runs by itself keeps such maps for a few collections, and so keeps the code.
 */
function collectGarbage(): void {
  if (typeof globalThis.gc !== 'function') throw new Error('instructionProcess.ts needs node --expose-gc');
  globalThis.gc({ type: 'major', execution: 'sync', flavor: 'regular' });
}

// The full collections between streams would otherwise flush the bytecode of functions that ran
// once a stream (opening a client), and each stream would pay for compiling them again.
setFlagsFromString('--no-flush-bytecode');

childMain<InstructionRunInput, InstructionRunResult>(async ({ contender, target, prompts, warmupTokens, streamsPerPrompt }) => {
  const loaded = await contenderById(contender).load();
  const warmup = loaded.open(target);
  for (const prompt of prompts) await warmup.stream(prompt, warmupTokens);
  await warmup.close();
  const textSha256: string[] = [];
  const phases: InstructionRunResult['phases'][number][] = [];
  for (const [index, prompt] of prompts.entries()) {
    for (let repetition = 0; repetition < streamsPerPrompt; repetition += 1) {
      // Each stream starts from a heap just collected (in a phase of its own), so a major
      // collection cannot fall in one stream's count and not in the other's by chance.
      // A session per stream: a dump can outlast the emulator's keep-alive timeout, and a request
      // on a connection the server has just closed fails. Opened before the stream's phase and
      // closed after it, as the CPU figures leave client set-up out (Contender.ts): opening a
      // client connects nowhere yet, but core's checks its private key with node:crypto, some
      // 2 million instructions that would land on 20,000 tokens as 100 a token.
      const session = loaded.open(target);
      collectGarbage();
      markPhase();
      phases.push({ kind: 'other' });
      const outcome = await session.stream(prompt);
      markPhase();
      phases.push({ kind: 'stream', prompt: index, repetition });
      await session.close();
      textSha256.push(createHash('sha256').update(outcome.text).digest('hex'));
    }
  }
  return { phases, textSha256 };
});
