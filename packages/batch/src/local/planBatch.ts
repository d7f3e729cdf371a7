import type { BatchPrompt } from '../prompts/BatchPrompt.js';
import type { ResultStatus } from '../results/readResults.js';

/** Which prompts a run sends, and which it skips because the output already has them. */
export interface BatchPlan {
  readonly toRun: readonly BatchPrompt[];
  /** Prompts skipped because their latest line is an answer. */
  readonly skippedOk: number;
  /** Prompts skipped because their latest line is an error (re-run them with `--retry-failed`). */
  readonly skippedFailed: number;
}

/**
 * Decides what a run sends: every prompt without a line in the output file, plus, with
 * `retryFailed`, every prompt whose latest line is an error. Input order is kept.
 *
 * @example
 * planBatch(prompts, new Map([['q-1', 'ok'], ['q-2', 'failed']]), true); // runs q-2 and every id not yet in the file
 */
export function planBatch(prompts: readonly BatchPrompt[], statusById: ReadonlyMap<string, ResultStatus>, retryFailed: boolean): BatchPlan {
  const toRun: BatchPrompt[] = [];
  let skippedOk = 0;
  let skippedFailed = 0;
  for (const prompt of prompts) {
    const status = statusById.get(prompt.id);
    if (status === undefined || (status === 'failed' && retryFailed)) toRun.push(prompt);
    else if (status === 'ok') skippedOk += 1;
    else skippedFailed += 1;
  }
  return { toRun, skippedOk, skippedFailed };
}
