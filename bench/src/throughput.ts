import type { ChildSession } from './childSession.js';
import { startChildSession } from './childSession.js';
import type { ContenderRunInput, StreamCost } from './contenderProcess.js';
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
  /** Pairs of measured streams, the contender's and its baseline's, per contender and language. */
  readonly repetitions: number;
  /** The same for the floor contenders (`ContenderEntry.floor`). */
  readonly floorRepetitions: number;
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
  /**
   * Per pair: this contender's CPU divided by its baseline's CPU (the bare loop on its route),
   * measured one right after the other.
   */
  readonly ratio: Spread;
  /** The same ratio for the main thread's CPU alone (without V8's background threads); undefined off Linux. */
  readonly mainThreadRatio: Spread | undefined;
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
  /** Pairs of measured streams, the contender's and its baseline's, per contender and language. */
  readonly repetitions: number;
  /** The same for the floor contenders (`ContenderEntry.floor`). */
  readonly floorRepetitions: number;
  readonly warmupTokens: number;
  readonly figures: readonly ContenderFigures[];
  readonly wrongOutputs: readonly WrongOutput[];
  /** Characters of each expected answer. */
  readonly answerChars: Readonly<Record<string, number>>;
}

/**
 * CPU per token of each contender over one long GENERIC stream per language. The emulator runs
 * in its own process, and so does each contender, set up and warmed up once (two warm-up streams).
 * Each contender is then measured in pairs with its baseline (the bare loop on its route), whose
 * process stays up for the whole language: its stream and the baseline's run one right after the
 * other, in alternating order, and each pair gives one ratio. On a shared machine whose speed
 * drifts over minutes and jumps over seconds, only streams measured side by side compare.
 */
export async function measureThroughput(options: ThroughputOptions): Promise<ThroughputReport> {
  const { contenders, languages, repetitions, floorRepetitions, tokens, warmupTokens, emulatorFaults, log } = options;
  const emulator = await startEmulatorProcess(emulatorFaults === undefined ? { tokens } : { tokens, faults: emulatorFaults });
  const target = { url: emulator.url, credentials: emulator.credentials };
  const baseline = contenders[0] as ContenderEntry;
  const wrongOutputs: WrongOutput[] = [];
  const answerChars: Record<string, number> = {};
  const figures: ContenderFigures[] = [];
  try {
    for (const language of languages) {
      const answer = await expectedAnswer(target, throughputPrompts[language]);
      answerChars[language] = answer.text.length;
      const runs = new Map<string, Runs>(contenders.map((contender) => [contender.id, { costs: [], ratios: [], mainThreadRatios: [] }]));
      const start = (id: string): Promise<ChildSession<StreamCost>> =>
        startChildSession<StreamCost>('contenderProcess.ts', { contender: id, target, prompt: throughputPrompts[language], warmupTokens } satisfies ContenderRunInput);
      const fail = (id: string, repetition: number, problem: string): void => {
        wrongOutputs.push({ contender: id, language, repetition, problem });
        log(`  ${language} ${id}: ${problem}`);
      };
      /** One measured stream of `id`, its text checked; undefined when it failed. */
      const measure = async (id: string, child: ChildSession<StreamCost>, repetition: number): Promise<StreamCost | undefined> => {
        let cost: StreamCost;
        try {
          cost = await child.measure();
        } catch (error) {
          fail(id, repetition, `failed: ${firstLine(error)}`);
          return undefined;
        }
        if (cost.textSha256 !== answer.sha256) fail(id, repetition, `text differs from the expected answer (${cost.textLength} characters, expected ${answer.text.length})`);
        runs.get(id)?.costs.push(cost);
        return cost;
      };
      const baselineIds = [...new Set([baseline.id, ...contenders.flatMap((contender) => (contender.baselineId === undefined ? [] : [contender.baselineId]))])];
      const baselines = new Map<string, ChildSession<StreamCost>>();
      try {
        for (const id of baselineIds) baselines.set(id, await start(id));
        for (const contender of contenders) {
          if (contender.id === baseline.id) continue;
          const baselineId = contender.baselineId ?? baseline.id;
          const baselineChild = baselines.get(baselineId) as ChildSession<StreamCost>;
          let child: ChildSession<StreamCost>;
          try {
            child = baselines.get(contender.id) ?? (await start(contender.id));
          } catch (error) {
            fail(contender.id, 0, `failed to start: ${firstLine(error)}`);
            continue;
          }
          const mine = runs.get(contender.id) as Runs;
          const pairs = contender.floor === true ? floorRepetitions : repetitions;
          try {
            for (let repetition = 0; repetition < pairs; repetition += 1) {
              // Alternating which goes first, so that neither always runs on a machine the other just warmed.
              const first = repetition % 2 === 0;
              const a = await measure(first ? baselineId : contender.id, first ? baselineChild : child, repetition);
              const b = await measure(first ? contender.id : baselineId, first ? child : baselineChild, repetition);
              if (a === undefined || b === undefined) break;
              const [base, own] = first ? [a, b] : [b, a];
              mine.ratios.push(own.cpuUs / base.cpuUs);
              if (own.mainThreadCpuUs !== undefined && base.mainThreadCpuUs !== undefined) mine.mainThreadRatios.push(own.mainThreadCpuUs / base.mainThreadCpuUs);
              log(`  pair ${repetition + 1}/${pairs} ${language.padEnd(8)} ${contender.id.padEnd(15)} ${nsPerToken(own, tokens).padStart(6)} vs ${nsPerToken(base, tokens).padStart(6)} ns/token CPU (${(own.cpuUs / base.cpuUs).toFixed(2)}x)`);
            }
          } finally {
            if (!baselines.has(contender.id)) await child.close();
          }
        }
      } finally {
        for (const child of baselines.values()) await child.close();
      }
      for (const contender of contenders) {
        const { costs, ratios, mainThreadRatios } = runs.get(contender.id) as Runs;
        const isBaseline = contender.id === baseline.id;
        figures.push({
          contender,
          language,
          cpuNsPerToken: spread(costs.map((cost) => (cost.cpuUs * 1000) / tokens)),
          ratio: spread(isBaseline ? costs.map(() => 1) : ratios),
          mainThreadRatio: isBaseline || mainThreadRatios.length === 0 ? undefined : spread(mainThreadRatios),
          tokensPerSecond: spread(costs.map((cost) => tokens / (cost.wallMs / 1000))),
          pieces: costs.at(-1)?.pieces ?? 0,
        });
      }
    }
  } finally {
    await emulator.close();
  }
  return { tokens, emulatorFaults, repetitions, floorRepetitions, warmupTokens, figures, wrongOutputs, answerChars };
}

/** A contender's measured streams in one language, and its ratios to its baseline pair by pair. */
interface Runs {
  readonly costs: StreamCost[];
  readonly ratios: number[];
  readonly mainThreadRatios: number[];
}

function nsPerToken(cost: StreamCost, tokens: number): string {
  return ((cost.cpuUs * 1000) / tokens).toFixed(0);
}

function firstLine(error: unknown): string {
  return error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
}
