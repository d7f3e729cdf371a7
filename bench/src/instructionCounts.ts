import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runScript } from './childProcess.js';
import { expectedAnswer } from './expectedAnswer.js';
import type { InstructionRunInput, InstructionRunResult } from './instructionProcess.js';
import { startEmulatorProcess } from './startEmulatorProcess.js';
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
  /** Contender ids (from contenders.ts); the first is the baseline. */
  readonly contenders: readonly string[];
  readonly languages: readonly Language[];
  readonly log: (line: string) => void;
}

/** One contender's instruction counts for one language. */
export interface InstructionFigures {
  readonly contender: string;
  readonly language: Language;
  /** Instructions per token of the first full stream after the warm-up. */
  readonly firstStreamPerToken: number;
  /** Instructions per token of the second: the steady state (count after 2 streams minus count after 1). */
  readonly perToken: number;
  /** `perToken` divided by the baseline's `perToken` for the same language. */
  readonly ratio: number;
}

export interface InstructionCountReport {
  readonly tokens: number;
  readonly warmupTokens: number;
  /** The valgrind command line in front of node. */
  readonly valgrind: readonly string[];
  readonly figures: readonly InstructionFigures[];
  readonly wrongOutputs: readonly WrongOutput[];
  readonly durationS: number;
}

/** Measured streams of each answer in a process: the count after 2 minus the count after 1 is one stream in steady state. */
const streamsPerPrompt = 2;

/**
 * Steady-state instructions per token of each contender, counted by valgrind's callgrind (all
 * of the contender's threads; the emulator runs in a process of its own). One process per
 * contender streams a warm-up prefix of each answer, then each answer twice, each after a full
 * collection; callgrind writes the count of each phase to a file of its own (see
 * `instructionProcess.ts`), so start-up, the warm-up, the collections and the exit never land in
 * a stream's count: the count after two streams minus the count after one. Node runs with its JIT as in the CPU
 * figures (not `--jitless`, which would measure a different program); callgrind's
 * `--smc-check=all-non-file` lets it follow the code V8 writes at run time.
 *
 * @example
 * const report = await measureInstructionCounts({ tokens: 20_000, warmupTokens: 2_000, contenders: ['bare', 'core-events'], languages: ['English'], log: console.error });
 * report.figures[1]?.ratio; // e.g. 1.27: core's instructions per token over the bare loop's
 */
export async function measureInstructionCounts(options: InstructionCountOptions): Promise<InstructionCountReport> {
  const { tokens, warmupTokens, contenders, languages, log } = options;
  const started = performance.now();
  const valgrind = callgrindCommand();
  const emulator = await startEmulatorProcess({ tokens });
  const target = { url: emulator.url, credentials: emulator.credentials };
  const directory = mkdtempSync(join(tmpdir(), 'oci-genai-rx-callgrind-'));
  const perToken = new Map<string, { first: number; steady: number }>();
  const wrongOutputs: WrongOutput[] = [];
  try {
    const expected: string[] = [];
    for (const language of languages) expected.push((await expectedAnswer(target, throughputPrompts[language])).sha256);
    for (const contender of contenders) {
      const outFile = join(directory, `${contender}.callgrind`);
      const input: InstructionRunInput = { contender, target, prompts: languages.map((language) => throughputPrompts[language]), warmupTokens, streamsPerPrompt };
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
      const counts = phaseCounts(directory, `${contender}.callgrind`);
      if (counts.length !== result.phases.length) {
        throw new Error(`callgrind wrote ${counts.length} phase counts for ${contender}, expected ${result.phases.length}: something else in the process entered uv_getrusage`);
      }
      const streamCount = (prompt: number, repetition: number): number => {
        const at = result.phases.findIndex((phase) => phase.kind === 'stream' && phase.prompt === prompt && phase.repetition === repetition);
        return counts[at] ?? Number.NaN;
      };
      languages.forEach((language, index) => {
        const hashes = result.textSha256.slice(index * streamsPerPrompt, (index + 1) * streamsPerPrompt);
        if (hashes.some((hash) => hash !== expected[index])) {
          wrongOutputs.push({ contender, language, repetition: 0, problem: 'text differs from the expected answer (under valgrind)' });
        }
        const first = streamCount(index, 0) / tokens;
        const steady = streamCount(index, streamsPerPrompt - 1) / tokens;
        perToken.set(`${language}|${contender}`, { first, steady });
        log(`  instructions ${language.padEnd(8)} ${contender.padEnd(15)} ${steady.toFixed(0).padStart(6)} per token (first stream ${first.toFixed(0)})`);
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
      figures.push({ contender, language, firstStreamPerToken: mine.first, perToken: mine.steady, ratio: base === undefined ? Number.NaN : mine.steady / base.steady });
    }
  }
  return { tokens, warmupTokens, valgrind, figures, wrongOutputs, durationS: (performance.now() - started) / 1000 };
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
 * The instruction count of each numbered callgrind dump (`<name>.1`, `<name>.2`, …), in order.
 *
 * @example
 * phaseCounts('/tmp/callgrind', 'core.callgrind'); // [5097255468, 6432097091, …]
 */
export function phaseCounts(directory: string, name: string): number[] {
  const dumps = readdirSync(directory)
    .filter((file) => file.startsWith(`${name}.`))
    .map((file) => ({ file, index: Number(file.slice(name.length + 1)) }))
    .filter(({ index }) => Number.isInteger(index))
    .sort((a, b) => a.index - b.index);
  return dumps.map(({ file }) => {
    const text = readFileSync(join(directory, file), 'utf8');
    const count = /^(?:summary|totals): (\d+)/m.exec(text)?.[1];
    if (count === undefined) throw new Error(`callgrind dump ${file} has no instruction total`);
    return Number(count);
  });
}
