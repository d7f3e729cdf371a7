import type { ResultLine } from '../results/ResultLine.js';
import { isErrorLine } from '../results/ResultLine.js';

/**
 * The live counters of one run, read by the progress display and the summary. The run
 * updates them; readers only read.
 *
 * @example
 * const stats = new BatchStats(40, 4);
 * stats.record({ id: 'q-1', text: 'Hi!' });
 * stats.finished; // 1
 */
export class BatchStats {
  /** Prompts answered in this run. */
  ok = 0;
  /** Prompts that failed in this run (after their retries). */
  failed = 0;
  /** Requests running now, retry waits included. */
  inFlight = 0;
  /** Text deltas received in this run, a close stand-in for generated tokens. */
  tokens = 0;
  /** Retries made, over all prompts. */
  retries = 0;
  /** The concurrency limit now (it moves when adaptive concurrency reacts to 429s). */
  concurrencyLimit: number;
  readonly startedAt: number;

  /**
   * @param toRun Prompts this run sends.
   * @param concurrency The starting concurrency limit.
   */
  constructor(
    public toRun: number,
    concurrency: number,
    now: number = Date.now(),
  ) {
    this.concurrencyLimit = concurrency;
    this.startedAt = now;
  }

  /** Prompts that ended, answered or failed. */
  get finished(): number {
    return this.ok + this.failed;
  }

  /** Counts one result line. */
  record(line: ResultLine): void {
    if (isErrorLine(line)) this.failed += 1;
    else this.ok += 1;
  }

  /** Tokens per second since the start. */
  tokensPerSecond(now: number = Date.now()): number {
    const seconds = (now - this.startedAt) / 1000;
    return seconds > 0 ? Math.round(this.tokens / seconds) : 0;
  }

  /** Seconds left at the pace so far; undefined until a prompt has ended. */
  etaSeconds(now: number = Date.now()): number | undefined {
    if (this.finished === 0) return undefined;
    const perPrompt = (now - this.startedAt) / 1000 / this.finished;
    return Math.ceil(perPrompt * (this.toRun - this.finished));
  }
}
