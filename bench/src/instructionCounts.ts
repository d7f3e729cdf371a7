import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runScript } from './childProcess.js';
import { expectedAnswer } from './expectedAnswer.js';
import type { InstructionDump } from './instructionDump.js';
import { readInstructionDump } from './instructionDump.js';
import type { InstructionRunInput, InstructionRunResult } from './instructionProcess.js';
import { startEmulatorProcess } from './startEmulatorProcess.js';
import type { Spread } from './stats.js';
import { spread } from './stats.js';
import type { Language } from './throughput.js';
import { throughputPrompts } from './throughput.js';
import type { WrongOutput } from './throughput.js';

export interface InstructionCountOptions {
  /** Answer length in tokens of every measured stream. */
  readonly tokens: number;
  /**
   * Length of the warm-up stream of each answer. A whole answer: callgrind showed a 2,000-token
   * warm-up leaving TurboFan still compiling in the second measured stream, twice as much for core
   * as for the bare loop, which is warm-up and not a cost per token.
   */
  readonly warmupTokens: number;
  /**
   * Measured streams of each answer after the warm-up, at least 2: the first is reported apart
   * (TurboFan is still compiling in it), the others are the steady state, summarised by their median.
   */
  readonly streams: number;
  /** Contender ids (from contenders.ts); the first is the baseline. */
  readonly contenders: readonly string[];
  readonly languages: readonly Language[];
  readonly log: (line: string) => void;
}

/** One contender's instruction counts for one language. */
export interface InstructionFigures {
  readonly contender: string;
  readonly language: Language;
  /** Instructions per token of the first full stream after the warm-up, all of them. */
  readonly firstStreamPerToken: number;
  /**
   * Instructions per token of each later stream (the steady state), leaving out V8's background
   * TurboFan compiles (see {@link InstructionFigures.compilePerToken}): median, min, max.
   */
  readonly perToken: Spread;
  /**
   * Instructions per token the background TurboFan compiles added to each of those streams.
   * A function called a few times per network read (stream plumbing, undici) reaches the
   * optimizing tier after some streams or other, so one stream gets up to about 4,500 a token of
   * compiling and the next none. The rest of a stream's count moves by a few percent (more on a
   * loaded machine), which the median of the steady streams is for.
   */
  readonly compilePerToken: Spread;
  /** The median of `perToken` divided by the baseline's median for the same language. */
  readonly ratio: number;
}

export interface InstructionCountReport {
  readonly tokens: number;
  readonly warmupTokens: number;
  /** Measured streams of each answer; all but the first are the steady state. */
  readonly streams: number;
  /** The valgrind command line in front of node. */
  readonly valgrind: readonly string[];
  readonly figures: readonly InstructionFigures[];
  readonly wrongOutputs: readonly WrongOutput[];
  readonly durationS: number;
}

/**
 * Steady-state instructions per token of each contender, counted by valgrind's callgrind (all
 * of the contender's threads; the emulator runs in a process of its own). One process per
 * contender streams a warm-up of each answer, then each answer `streams` times, each after a full
 * collection; callgrind writes the count of each phase to a file of its own (see
 * `instructionProcess.ts`), so start-up, the warm-up, the collections, client set-up and the exit
 * never land in a stream's count. The first stream after the warm-up is reported apart; the
 * others are the steady state, summarised by their median and range, with V8's background
 * TurboFan compiles counted apart (see {@link InstructionFigures.compilePerToken}): they come
 * and go from one stream to the next, and moved a single stream's count by ±5–8%. Node runs with
 * its JIT as in the CPU figures (not `--jitless`, which would measure a different program);
 * callgrind's `--smc-check=all-non-file` lets it follow the code V8 writes at run time.
 *
 * @example
 * const report = await measureInstructionCounts({ tokens: 20_000, warmupTokens: 20_000, streams: 4, contenders: ['bare', 'core-events'], languages: ['English'], log: console.error });
 * report.figures[1]?.ratio; // e.g. 1.02: the median of core's instructions per token over the bare loop's
 */
export async function measureInstructionCounts(options: InstructionCountOptions): Promise<InstructionCountReport> {
  const { tokens, warmupTokens, streams, contenders, languages, log } = options;
  if (!Number.isInteger(streams) || streams < 2) throw new Error(`instruction counts need at least 2 measured streams per answer (the first is not steady yet), got ${streams}`);
  const started = performance.now();
  const valgrind = callgrindCommand();
  const emulator = await startEmulatorProcess({ tokens });
  const target = { url: emulator.url, credentials: emulator.credentials };
  const directory = mkdtempSync(join(tmpdir(), 'oci-genai-rx-callgrind-'));
  const perToken = new Map<string, { first: number; steady: Spread; compile: Spread }>();
  const wrongOutputs: WrongOutput[] = [];
  try {
    const expected: string[] = [];
    for (const language of languages) expected.push((await expectedAnswer(target, throughputPrompts[language])).sha256);
    for (const contender of contenders) {
      const outFile = join(directory, `${contender}.callgrind`);
      const input: InstructionRunInput = { contender, target, prompts: languages.map((language) => throughputPrompts[language]), warmupTokens, streamsPerPrompt: streams };
      let result: InstructionRunResult;
      try {
        result = await runScript<InstructionRunResult>('instructionProcess.ts', input, 900_000, [...valgrind, `--callgrind-out-file=${outFile}`]);
      } catch (error) {
        for (const language of languages) {
          wrongOutputs.push({ contender, language, repetition: 0, problem: `failed under valgrind: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}` });
        }
        log(`  instructions ${contender}: FAILED`);
        continue;
      }
      const dumps = phaseDumps(directory, `${contender}.callgrind`);
      if (dumps.length !== result.phases.length) {
        throw new Error(`callgrind wrote ${dumps.length} phase counts for ${contender}, expected ${result.phases.length}: something else in the process entered uv_getrusage`);
      }
      const streamDump = (prompt: number, repetition: number): InstructionDump => {
        const at = result.phases.findIndex((phase) => phase.kind === 'stream' && phase.prompt === prompt && phase.repetition === repetition);
        return dumps[at] ?? { instructions: Number.NaN, backgroundCompile: Number.NaN };
      };
      languages.forEach((language, index) => {
        const hashes = result.textSha256.slice(index * streams, (index + 1) * streams);
        if (hashes.some((hash) => hash !== expected[index])) {
          wrongOutputs.push({ contender, language, repetition: 0, problem: 'text differs from the expected answer (under valgrind)' });
        }
        const [first, ...later] = Array.from({ length: streams }, (_, repetition) => streamDump(index, repetition));
        const steady = spread(later.map((dump) => (dump.instructions - dump.backgroundCompile) / tokens));
        const compile = spread(later.map((dump) => dump.backgroundCompile / tokens));
        perToken.set(`${language}|${contender}`, { first: (first?.instructions ?? Number.NaN) / tokens, steady, compile });
        const shown = later.map((dump) => `${((dump.instructions - dump.backgroundCompile) / tokens).toFixed(0)}+${(dump.backgroundCompile / tokens).toFixed(0)}`);
        log(`  instructions ${language.padEnd(8)} ${contender.padEnd(15)} ${steady.median.toFixed(0).padStart(6)} per token, median of ${shown.join(' ')} (+ background compiles; first stream ${((first?.instructions ?? Number.NaN) / tokens).toFixed(0)})`);
      });
    }
  } finally {
    await emulator.close();
    rmSync(directory, { recursive: true, force: true });
  }
  const figures: InstructionFigures[] = [];
  for (const language of languages) {
    const base = perToken.get(`${language}|${contenders[0] ?? ''}`);
    for (const contender of contenders) {
      const mine = perToken.get(`${language}|${contender}`);
      if (mine === undefined) continue;
      figures.push({ contender, language, firstStreamPerToken: mine.first, perToken: mine.steady, compilePerToken: mine.compile, ratio: base === undefined ? Number.NaN : mine.steady.median / base.steady.median });
    }
  }
  return { tokens, warmupTokens, streams, valgrind, figures, wrongOutputs, durationS: (performance.now() - started) / 1000 };
}

/**
 * The command in front of node that counts instructions: callgrind, following the code V8 writes
 * at run time, dumping its count before each `uv_getrusage` (`process.cpuUsage()`), so a child
 * marks its phases by reading its CPU time. Throws when valgrind is not installed.
 *
 * @example
 * runScript('instructionProcess.ts', input, 900_000, [...callgrindCommand(), '--callgrind-out-file=/tmp/run.callgrind']);
 */
export function callgrindCommand(): string[] {
  const version = spawnSync('valgrind', ['--version'], { encoding: 'utf8' });
  if (version.status !== 0) {
    throw new Error('instruction counts need valgrind, which is not on PATH: install it (apt-get install valgrind) and run pnpm bench again');
  }
  return ['valgrind', '--tool=callgrind', '--smc-check=all-non-file', '--dump-before=uv_getrusage'];
}

/**
 * Each numbered callgrind dump (`<name>.1`, `<name>.2`, …), in order, read by {@link readInstructionDump}.
 *
 * @example
 * phaseDumps('/tmp/callgrind', 'core.callgrind'); // [{ instructions: 5097255468, backgroundCompile: 712883012 }, …]
 */
export function phaseDumps(directory: string, name: string): InstructionDump[] {
  const dumps = readdirSync(directory)
    .filter((file) => file.startsWith(`${name}.`))
    .map((file) => ({ file, index: Number(file.slice(name.length + 1)) }))
    .filter(({ index }) => Number.isInteger(index))
    .sort((a, b) => a.index - b.index);
  return dumps.map(({ file }) => {
    try {
      return readInstructionDump(readFileSync(join(directory, file), 'utf8'));
    } catch (error) {
      throw new Error(`callgrind dump ${file}: ${error instanceof Error ? error.message : String(error)}`);
    }
  });
}

/**
 * The instruction count of each numbered callgrind dump, in order (see {@link phaseDumps}).
 *
 * @example
 * phaseCounts('/tmp/callgrind', 'core.callgrind'); // [5097255468, 6432097091, …]
 */
export function phaseCounts(directory: string, name: string): number[] {
  return phaseDumps(directory, name).map((dump) => dump.instructions);
}
