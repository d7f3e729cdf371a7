import { runScript } from './childProcess.js';
import type { OperatorCostInput, OperatorCostRuns } from './operatorCost.js';
import { operatorPipelines } from './operatorPipelines.js';
import type { OperatorScalingInput, OperatorScalingRuns } from './operatorScaling.js';
import { scalingCases } from './operatorScaling.js';
import type { Spread } from './stats.js';
import { spread } from './stats.js';

/** One operator's cost per token over its baseline, in nanoseconds of CPU. */
export interface OperatorCost {
  readonly operator: string;
  readonly baseline: string;
  /** CPU per token of the pipeline with the operator. */
  readonly nsPerToken: Spread;
  /** Per repetition: with the operator minus the baseline of the same repetition. */
  readonly addedNsPerToken: Spread;
}

/** An operator (bufferSentences, partialJson) on 1x and 4x the input. */
export interface OperatorScaling {
  readonly operator: string;
  readonly text: string;
  /** How many values the operator emitted over 1x (sentences, partial values). */
  readonly emitted1x: number;
  /** CPU of 4x the text divided by CPU of 1x, per repetition. */
  readonly ratio: Spread;
  readonly ms1x: Spread;
  readonly ms4x: Spread;
}

export interface OperatorCostResult {
  readonly tokens: number;
  readonly costs: readonly OperatorCost[];
  readonly scaling: readonly OperatorScaling[];
}

/** Each operator's cost per token, and the scaling of bufferSentences and partialJson, each in its own child process. */
export async function measureOperators(tokens: number, repetitions: number, log: (line: string) => void): Promise<OperatorCostResult> {
  const costs: OperatorCost[] = [];
  for (const pipeline of operatorPipelines) {
    const runs = await runScript<OperatorCostRuns>('operatorCost.ts', { operator: pipeline.name, tokens, repetitions } satisfies OperatorCostInput);
    const cost: OperatorCost = {
      operator: pipeline.name,
      baseline: pipeline.baseline === 'events' ? 'from(events)' : 'from(strings)',
      nsPerToken: spread(runs.withOperator),
      addedNsPerToken: spread(runs.withOperator.map((value, i) => value - (runs.baseline[i] ?? Number.NaN))),
    };
    costs.push(cost);
    log(`  ${pipeline.name}: +${cost.addedNsPerToken.median.toFixed(0)} ns/token`);
  }
  const scaling: OperatorScaling[] = [];
  for (const text of Object.keys(scalingCases) as Array<keyof typeof scalingCases>) {
    const { operator } = scalingCases[text];
    const runs = await runScript<OperatorScalingRuns>('operatorScaling.ts', { text, tokens, repetitions } satisfies OperatorScalingInput);
    const ratio = spread(runs.ms4x.map((value, i) => value / (runs.ms1x[i] ?? Number.NaN)));
    scaling.push({ operator, text, emitted1x: runs.emitted1x, ratio, ms1x: spread(runs.ms1x), ms4x: spread(runs.ms4x) });
    log(`  ${operator} 4x/1x (${text}): ${ratio.median.toFixed(2)}x`);
  }
  return { tokens, costs, scaling };
}
