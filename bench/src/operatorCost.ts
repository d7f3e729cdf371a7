/**
 * Child process: what one operator adds per token, in process on a synthetic token array (no
 * HTTP). Only this operator and its baseline run in the process, alternating, after warm-up: the
 * cost is the operator's own, not that of code other benchmarks left megamorphic.
 */
import type { ChatEvent } from '@oci-genai-rx/core';
import { childMain } from './childProcess.js';
import { cpuOf } from './cpuOf.js';
import { baselines, operatorPipelines } from './operatorPipelines.js';
import { englishTokens } from './syntheticTokens.js';

export interface OperatorCostInput {
  readonly operator: string;
  readonly tokens: number;
  readonly repetitions: number;
}

/** CPU per token, nanoseconds, per repetition. */
export interface OperatorCostRuns {
  readonly withOperator: readonly number[];
  readonly baseline: readonly number[];
}

childMain<OperatorCostInput, OperatorCostRuns>(({ operator, tokens, repetitions }) => {
  const pipeline = operatorPipelines.find((candidate) => candidate.name === operator);
  if (pipeline === undefined) throw new Error(`no operator pipeline "${operator}"`);
  const words = englishTokens(tokens);
  const events: ChatEvent[] = [
    { type: 'start', opcRequestId: 'bench', model: 'bench', format: 'GENERIC' },
    ...words.map((text): ChatEvent => ({ type: 'text', text })),
    { type: 'finish', reason: 'stop', rawReason: 'stop' },
  ];
  const input = { words, events };
  const baseline = baselines[pipeline.baseline];
  for (let round = 0; round < 5; round += 1) {
    cpuOf(baseline(input));
    cpuOf(pipeline.make(input));
  }
  const withOperator: number[] = [];
  const base: number[] = [];
  // No forced GC before a run: a freshly shrunk heap makes the next run pay for growing it again.
  const measure = (run: () => { us: number }, into: number[]): void => {
    into.push((run().us * 1000) / tokens);
  };
  for (let repetition = 0; repetition < repetitions; repetition += 1) {
    if (repetition % 2 === 0) {
      measure(() => cpuOf(baseline(input)), base);
      measure(() => cpuOf(pipeline.make(input)), withOperator);
    } else {
      measure(() => cpuOf(pipeline.make(input)), withOperator);
      measure(() => cpuOf(baseline(input)), base);
    }
  }
  return { withOperator, baseline: base };
});
