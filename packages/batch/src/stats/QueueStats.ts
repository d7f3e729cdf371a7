import type { QueueStatus } from '../distributed/readQueueStatus.js';
import { BatchStats } from './BatchStats.js';

/**
 * {@link BatchStats} fed from a distributed queue's counters, for the same progress bar and
 * lines as local mode. Counts are the whole batch's; tokens per second and the ETA are measured
 * from the first update (the batch may have started long before `status` did).
 *
 * @example
 * const stats = new QueueStats();
 * stats.update(await readQueueStatus(redis, 'nightly'));
 * stats.finished; // 642
 */
export class QueueStats extends BatchStats {
  #first: { at: number; tokens: number; finished: number } | undefined;

  constructor(now: number = Date.now()) {
    super(0, 0, now);
  }

  /** Takes in the latest counters. */
  update(status: QueueStatus, now: number = Date.now()): void {
    this.ok = status.ok;
    this.failed = status.failed;
    this.inFlight = status.inFlight;
    this.concurrencyLimit = status.inFlight;
    this.tokens = status.tokens;
    this.toRun = status.total;
    this.#first ??= { at: now, tokens: status.tokens, finished: this.finished };
  }

  override tokensPerSecond(now: number = Date.now()): number {
    const first = this.#first;
    const seconds = first === undefined ? 0 : (now - first.at) / 1000;
    return first !== undefined && seconds > 0 ? Math.round((this.tokens - first.tokens) / seconds) : 0;
  }

  override etaSeconds(now: number = Date.now()): number | undefined {
    const first = this.#first;
    if (first === undefined || this.finished === first.finished) return undefined;
    const perPrompt = (now - first.at) / 1000 / (this.finished - first.finished);
    return Math.ceil(perPrompt * (this.toRun - this.finished));
  }
}
