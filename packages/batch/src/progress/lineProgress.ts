import { interval } from 'rxjs';
import type { BatchStats } from '../stats/BatchStats.js';
import type { BatchProgress } from './BatchProgress.js';
import { etaText } from './etaText.js';

/**
 * Plain progress lines every `intervalMs` on stderr, for logs and CI where a redrawn bar
 * would be noise:
 *
 *     progress: 16/40 done, 1 failed, 4 in flight (limit 4), 512 tok/s, ETA 12s
 *
 * @example
 * const progress = lineProgress(stats, 5_000);
 */
export function lineProgress(stats: BatchStats, intervalMs: number, stream: NodeJS.WritableStream = process.stderr): BatchProgress {
  const print = (): void => {
    stream.write(`${progressLine(stats)}\n`);
  };
  const ticks = interval(intervalMs).subscribe(print);
  return {
    stop: () => {
      ticks.unsubscribe();
      print();
    },
  };
}

/** One progress line for `stats` now. */
export function progressLine(stats: BatchStats, now: number = Date.now()): string {
  return (
    `progress: ${stats.finished}/${stats.toRun} done, ${stats.failed} failed, ` +
    `${stats.inFlight} in flight (limit ${stats.concurrencyLimit}), ${stats.tokensPerSecond(now)} tok/s, ` +
    `ETA ${etaText(stats, now)}`
  );
}
