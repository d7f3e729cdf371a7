import { SingleBar } from 'cli-progress';
import { interval } from 'rxjs';
import type { BatchStats } from '../stats/BatchStats.js';
import type { BatchProgress } from './BatchProgress.js';
import { etaText } from './etaText.js';

/** How often the bar redraws, in ms: smooth to the eye, negligible CPU. */
const REDRAW_MS = 200;

/**
 * A progress bar on a terminal (cli-progress), on stderr so stdout stays free for pipes:
 *
 *     ████████████░░░░░░░░░░░░░░░░░░ 40% | 16/40 done | 1 failed | 4 in flight (limit 4) | 512 tok/s | ETA 12s
 *
 * @example
 * const progress = ttyProgress(stats);
 * // … run …
 * progress.stop();
 */
export function ttyProgress(stats: BatchStats, stream: NodeJS.WriteStream = process.stderr): BatchProgress {
  const bar = new SingleBar({
    stream,
    format: '{bar} {percentage}% | {value}/{total} done | {failed} failed | {inFlight} in flight (limit {limit}) | {tokensPerSecond} tok/s | ETA {timeLeft}',
    barCompleteChar: '\u2588',
    barIncompleteChar: '\u2591',
    hideCursor: true,
  });
  // Our own ETA (the average pace so far) rather than cli-progress's, which shows 'NF' until the first prompt ends.
  const values = (): Record<string, number | string> => ({
    timeLeft: etaText(stats),
    failed: stats.failed,
    inFlight: stats.inFlight,
    limit: stats.concurrencyLimit,
    tokensPerSecond: stats.tokensPerSecond(),
  });
  bar.start(stats.toRun, stats.finished, values());
  const redraw = interval(REDRAW_MS).subscribe(() => bar.update(stats.finished, values()));
  return {
    stop: () => {
      redraw.unsubscribe();
      bar.update(stats.finished, values());
      bar.stop();
    },
  };
}
