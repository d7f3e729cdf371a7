import type { AdaptiveConcurrency } from '../MergePromptsOptions.js';

/** How many prompts may run at once; with adaptive bounds, it moves with the outcomes (AIMD). */
export interface ConcurrencyLimit {
  /** The limit now. */
  readonly current: number;
  /** A prompt completed: an adaptive limit grows by 1, up to its max. */
  succeeded(): void;
  /** A prompt failed: an adaptive limit halves on a 429, down to its min. */
  failed(error: unknown): void;
}

/** A fixed limit, or an adaptive one when `adaptive` is set. Throws a RangeError on bad bounds. */
export function createConcurrencyLimit(concurrency: number, adaptive: boolean | AdaptiveConcurrency | undefined): ConcurrencyLimit {
  if (!(Number.isInteger(concurrency) || concurrency === Infinity) || concurrency < 1) {
    throw new RangeError(`mergePrompts: concurrency must be a whole number of at least 1, got ${concurrency}.`);
  }
  if (adaptive === undefined || adaptive === false) {
    return { current: concurrency, succeeded: () => undefined, failed: () => undefined };
  }
  const { min = 1, max = concurrency, onLimitChange } = adaptive === true ? {} : adaptive;
  if (!Number.isInteger(min) || !Number.isInteger(max) || min < 1 || max < min) {
    throw new RangeError(
      `mergePrompts: adaptive needs whole numbers 1 <= min <= max, got min ${min} and max ${max}. ` +
        'Pass a finite concurrency or adaptive.max.',
    );
  }

  let current = Math.min(max, Math.max(min, concurrency));
  const set = (limit: number): void => {
    if (limit === current) return;
    current = limit;
    onLimitChange?.(limit);
  };
  return {
    get current() {
      return current;
    },
    succeeded: () => set(Math.min(max, current + 1)),
    failed: (error) => {
      if (isRateLimited(error)) set(Math.max(min, Math.floor(current / 2)));
    },
  };
}

/** True for an `OciHttpError` with status 429, or any error carrying `status: 429`. */
export function isRateLimited(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { status?: unknown }).status === 429;
}
