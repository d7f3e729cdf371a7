/**
 * Child process: bufferSentences over 1x and 4x the same kind of text, alternating, after
 * warm-up, in a process that runs nothing else.
 */
import { bufferSentences } from '@oci-genai-rx/operators';
import { from } from 'rxjs';
import { childMain } from './childProcess.js';
import { cpuOf } from './cpuOf.js';
import { englishTokens, japaneseTokens } from './syntheticTokens.js';

/** The texts the scaling is measured on. */
export const scalingTexts = {
  English: (count: number) => englishTokens(count),
  Japanese: (count: number) => japaneseTokens(count),
  'Japanese, opening with a 「 that never closes': (count: number) => japaneseTokens(count, 2, true),
} as const;

export interface SentenceScalingInput {
  readonly text: keyof typeof scalingTexts;
  readonly tokens: number;
  readonly repetitions: number;
}

export interface SentenceScalingRuns {
  readonly sentences1x: number;
  /** CPU milliseconds per run. */
  readonly ms1x: readonly number[];
  readonly ms4x: readonly number[];
}

childMain<SentenceScalingInput, SentenceScalingRuns>(({ text, tokens, repetitions }) => {
  const small = scalingTexts[text](tokens);
  const large = scalingTexts[text](tokens * 4);
  const run = (input: readonly string[]): { us: number; count: number } => cpuOf(from(input).pipe(bufferSentences()));
  const sentences1x = run(small).count;
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
  return { sentences1x, ms1x, ms4x };
});
