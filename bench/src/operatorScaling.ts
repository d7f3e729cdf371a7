/**
 * Child process: one operator over 1x and 4x the same kind of input, alternating, after
 * warm-up, in a process that runs nothing else.
 */
import { bufferSentences, partialJson } from '@oci-genai-rx/operators';
import { from } from 'rxjs';
import type { OperatorFunction } from 'rxjs';
import { childMain } from './childProcess.js';
import { cpuOf } from './cpuOf.js';
import { englishTokens, japaneseTokens, jsonRecordTokens, jsonStringTokens } from './syntheticTokens.js';

interface ScalingCase {
  readonly operator: string;
  readonly tokens: (count: number) => string[];
  readonly apply: () => OperatorFunction<string, unknown>;
}

/** The inputs the scaling is measured on, by name. */
export const scalingCases = {
  English: { operator: 'bufferSentences', tokens: (count) => englishTokens(count), apply: () => bufferSentences() },
  Japanese: { operator: 'bufferSentences', tokens: (count) => japaneseTokens(count), apply: () => bufferSentences() },
  'Japanese, opening with a 「 that never closes': { operator: 'bufferSentences', tokens: (count) => japaneseTokens(count, 2, true), apply: () => bufferSentences() },
  'JSON, one long string': { operator: 'partialJson', tokens: (count) => jsonStringTokens(count), apply: () => partialJson() },
  'JSON, 4x the records (100 at 1x)': { operator: 'partialJson', tokens: (count) => jsonRecordTokens(count, 100), apply: () => partialJson() },
} as const satisfies Record<string, ScalingCase>;

export interface OperatorScalingInput {
  readonly text: keyof typeof scalingCases;
  readonly tokens: number;
  readonly repetitions: number;
}

export interface OperatorScalingRuns {
  /** How many values the operator emitted over 1x. */
  readonly emitted1x: number;
  /** CPU milliseconds per run. */
  readonly ms1x: readonly number[];
  readonly ms4x: readonly number[];
}

childMain<OperatorScalingInput, OperatorScalingRuns>(({ text, tokens, repetitions }) => {
  const scalingCase: ScalingCase = scalingCases[text];
  const small = scalingCase.tokens(tokens);
  const large = scalingCase.tokens(tokens * 4);
  const run = (input: readonly string[]): { us: number; count: number } => cpuOf(from(input).pipe(scalingCase.apply()));
  const emitted1x = run(small).count;
  for (let round = 0; round < 3; round += 1) {
    run(small);
    run(large);
  }
  const ms1x: number[] = [];
  const ms4x: number[] = [];
  // No forced GC before a run: a freshly shrunk heap makes the next run pay for growing it again.
  const measure = (input: readonly string[], into: number[]): void => {
    into.push(run(input).us / 1000);
  };
  for (let repetition = 0; repetition < repetitions; repetition += 1) {
    // Alternating which size goes first, so that neither always follows the other.
    if (repetition % 2 === 0) {
      measure(small, ms1x);
      measure(large, ms4x);
    } else {
      measure(large, ms4x);
      measure(small, ms1x);
    }
  }
  return { emitted1x, ms1x, ms4x };
});
