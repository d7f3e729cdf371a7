import type { BatchStats } from '../stats/BatchStats.js';
import type { BatchProgress } from './BatchProgress.js';
import { lineProgress } from './lineProgress.js';
import { ttyProgress } from './ttyProgress.js';

/**
 * The progress display that suits stderr: a redrawn bar on a terminal, plain periodic lines
 * otherwise (a pipe, a file, CI).
 *
 * @param lineIntervalMs How often plain lines are printed, in ms.
 */
export function startProgress(stats: BatchStats, lineIntervalMs: number): BatchProgress {
  return process.stderr.isTTY ? ttyProgress(stats) : lineProgress(stats, lineIntervalMs);
}
