import type { BatchPlan } from '../local/planBatch.js';
import type { BatchStats } from './BatchStats.js';

/**
 * The counts a run ends with; `ok + failed + skipped + notRun` is always the number of
 * prompts in the input.
 */
export interface BatchSummary {
  readonly total: number;
  /** Answered in this run. */
  readonly ok: number;
  /** Failed in this run (recorded as error lines). */
  readonly failed: number;
  /** Not sent because the output already had them. */
  readonly skipped: number;
  readonly skippedOk: number;
  readonly skippedFailed: number;
  /** Not reached because the run was interrupted. */
  readonly notRun: number;
}

/** The summary of a run of `plan` over `total` input prompts. */
export function batchSummary(total: number, plan: BatchPlan, stats: BatchStats): BatchSummary {
  const skipped = plan.skippedOk + plan.skippedFailed;
  return {
    total,
    ok: stats.ok,
    failed: stats.failed,
    skipped,
    skippedOk: plan.skippedOk,
    skippedFailed: plan.skippedFailed,
    notRun: total - stats.ok - stats.failed - skipped,
  };
}

/**
 * The summary as one line, e.g.
 * `summary: total 40, ok 30, failed 2, skipped 8 (already in results.jsonl: 7 ok, 1 failed)`.
 */
export function summaryLine(summary: BatchSummary, outputName: string): string {
  const skippedDetail = summary.skipped === 0 ? '' : ` (already in ${outputName}: ${summary.skippedOk} ok, ${summary.skippedFailed} failed)`;
  const notRun = summary.notRun === 0 ? '' : `, not run ${summary.notRun} (interrupted: run again to resume)`;
  return `summary: total ${summary.total}, ok ${summary.ok}, failed ${summary.failed}, skipped ${summary.skipped}${skippedDetail}${notRun}`;
}
