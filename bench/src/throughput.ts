import { runScript } from './childProcess.js';
import type { ContenderRunInput, ContenderRunResult } from './contenderProcess.js';
import type { ContenderEntry } from './contenders/contenders.js';
import { expectedAnswer } from './expectedAnswer.js';
import { startEmulatorProcess } from './startEmulatorProcess.js';
import type { Spread } from './stats.js';
import { spread } from './stats.js';

/** The two answers of the throughput benchmark. */
export const throughputPrompts = {
  English: 'Write a very long essay about rivers.',
  Japanese: '川について、とても長いエッセイを書いてください。',
} as const;

export type Language = keyof typeof throughputPrompts;

export interface ThroughputOptions {
  /** Answer length in tokens (the emulator's default for every request). */
  readonly tokens: number;
  readonly repetitions: number;
  readonly warmupTokens: number;
  readonly contenders: readonly ContenderEntry[];
  readonly languages: readonly Language[];
  /** A fault spec the emulator applies to every request (`events-per-write=1`: one event per socket write). */
  readonly emulatorFaults?: string;
  readonly log: (line: string) => void;
}

/** One contender's figures for one language. */
export interface ContenderFigures {
  readonly contender: ContenderEntry;
  readonly language: Language;
  /** CPU per token in the contender's process, nanoseconds. */
  readonly cpuNsPerToken: Spread;
  /** Per repetition: this contender's CPU divided by its baseline's CPU (the bare loop on its route) in the same repetition. */
  readonly ratio: Spread;
  /** Tokens per second, wall clock. */
  readonly tokensPerSecond: Spread;
  /** Pieces handed to the user (deltas, or sentences), from the last run. */
  readonly pieces: number;
}

/** A run whose text differed from the expected answer (or that failed). */
export interface WrongOutput {
  readonly contender: string;
  readonly language: Language;
  readonly repetition: number;
  readonly problem: string;
}

export interface ThroughputReport {
  readonly tokens: number;
  /** The emulator's fault spec for every request, if any. */
  readonly emulatorFaults: string | undefined;
  readonly repetitions: number;
  readonly warmupTokens: number;
  readonly figures: readonly ContenderFigures[];
  readonly wrongOutputs: readonly WrongOutput[];
  /** Characters of each expected answer. */
  readonly answerChars: Readonly<Record<string, number>>;
}

/**
 * CPU per token of each contender over one long GENERIC stream per language. The emulator runs
 * in its own process; each measured run is a fresh child process (two warm-up streams first), and
 * the contenders alternate: repetition r runs them in an order rotated by r, so drift on a
 * shared machine spreads over all of them. The first contender is the baseline.
 */
export async function measureThroughput(options: ThroughputOptions): Promise<ThroughputReport> {
  const { contenders, languages, repetitions, tokens, warmupTokens, emulatorFaults, log } = options;
  const emulator = await startEmulatorProcess(emulatorFaults === undefined ? { tokens } : { tokens, faults: emulatorFaults });
  const target = { url: emulator.url, credentials: emulator.credentials };
  const cpu = new Map<string, number[]>();
  const wall = new Map<string, number[]>();
  const pieces = new Map<string, number>();
  const wrongOutputs: WrongOutput[] = [];
  const answerChars: Record<string, number> = {};
  const key = (language: Language, id: string, repetition?: number): string => `${language}|${id}${repetition === undefined ? '' : `|${repetition}`}`;
  try {
    const expected = new Map<Language, string>();
    for (const language of languages) {
      const answer = await expectedAnswer(target, throughputPrompts[language]);
      expected.set(language, answer.sha256);
      answerChars[language] = answer.text.length;
    }
    for (let repetition = 0; repetition < repetitions; repetition += 1) {
      for (const language of languages) {
        const order = contenders.map((_, index) => contenders[(index + repetition) % contenders.length] as ContenderEntry);
        for (const contender of order) {
          const input: ContenderRunInput = { contender: contender.id, target, prompt: throughputPrompts[language], warmupTokens };
          let result: ContenderRunResult;
          try {
            result = await runScript<ContenderRunResult>('contenderProcess.ts', input);
          } catch (error) {
            wrongOutputs.push({ contender: contender.id, language, repetition, problem: `failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}` });
            log(`  ${language} ${contender.id}: FAILED`);
            continue;
          }
          if (result.textSha256 !== expected.get(language)) {
            wrongOutputs.push({
              contender: contender.id,
              language,
              repetition,
              problem: `text differs from the expected answer (${result.textLength} characters, expected ${answerChars[language]})`,
            });
          }
          (cpu.get(key(language, contender.id)) ?? cpu.set(key(language, contender.id), []).get(key(language, contender.id))!).push(result.cpuUs);
          cpu.set(key(language, contender.id, repetition), [result.cpuUs]);
          (wall.get(key(language, contender.id)) ?? wall.set(key(language, contender.id), []).get(key(language, contender.id))!).push(result.wallMs);
          pieces.set(key(language, contender.id), result.pieces);
          log(`  rep ${repetition + 1}/${repetitions} ${language.padEnd(8)} ${contender.id.padEnd(15)} ${((result.cpuUs * 1000) / tokens).toFixed(0).padStart(6)} ns/token CPU, ${result.wallMs.toFixed(0)} ms`);
        }
      }
    }
  } finally {
    await emulator.close();
  }

  const baseline = contenders[0] as ContenderEntry;
  const figures: ContenderFigures[] = [];
  for (const language of languages) {
    for (const contender of contenders) {
      const cpuRuns = cpu.get(key(language, contender.id)) ?? [];
      const ratios: number[] = [];
      for (let repetition = 0; repetition < repetitions; repetition += 1) {
        const mine = cpu.get(key(language, contender.id, repetition))?.[0];
        const base = cpu.get(key(language, contender.baselineId ?? baseline.id, repetition))?.[0];
        if (mine !== undefined && base !== undefined) ratios.push(mine / base);
      }
      figures.push({
        contender,
        language,
        cpuNsPerToken: spread(cpuRuns.map((us) => (us * 1000) / tokens)),
        ratio: spread(ratios),
        tokensPerSecond: spread((wall.get(key(language, contender.id)) ?? []).map((ms) => tokens / (ms / 1000))),
        pieces: pieces.get(key(language, contender.id)) ?? 0,
      });
    }
  }
  return { tokens, emulatorFaults, repetitions, warmupTokens, figures, wrongOutputs, answerChars };
}
