import { seededRandom, type Random } from '../answers/random.js';

/** The heavy tail of time-to-first-token: a share of requests wait much longer (a cold replica, a queue). */
export interface SlowFirstTokenOptions {
  /** The share of requests that are slow, 0 to 1 (e.g. 0.05). */
  readonly share: number;
  /** Their time to first token, in ms (e.g. 3000), instead of `ttftMs`. */
  readonly ms: number;
  /** The seed of which requests are slow: the same seed, the same sequence. Default: 'slow-first-token'. */
  readonly seed?: string;
}

/**
 * Draws, request by request, whether the first token is slow: a seeded sequence, so a
 * benchmark sees the same tail on every run.
 */
export class SlowFirstTokens {
  private readonly random: Random;

  constructor(private readonly options: SlowFirstTokenOptions) {
    const { share, ms } = options;
    if (!(share >= 0 && share <= 1)) throw new RangeError(`slowFirstToken.share must be between 0 and 1; got ${String(share)}.`);
    if (!(Number.isInteger(ms) && ms >= 0)) throw new RangeError(`slowFirstToken.ms must be a whole number of ms >= 0; got ${String(ms)}.`);
    this.random = seededRandom(options.seed ?? 'slow-first-token');
  }

  /** The next request's time to first token: `ms` for the slow share, else `usualMs`. */
  next(usualMs: number): number {
    return this.random.next() < this.options.share ? this.options.ms : usualMs;
  }
}
