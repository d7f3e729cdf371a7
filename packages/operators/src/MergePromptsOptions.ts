import type { SchedulerLike } from 'rxjs';
import type { PromptKey } from './PromptEvent.js';
import type { RateLimitBudgets, RateLimiter } from './createRateLimiter.js';

/** The options of `mergePrompts()`. */
export interface MergePromptsOptions<P> {
  /** How many prompts run at once (with `adaptive`: the starting limit). Default: 4. */
  readonly concurrency?: number;
  /**
   * False: items in the order they happen. True: prompt 0's items live, then prompt 1's
   * (buffered meanwhile), and so on; prompts still run `concurrency` at a time. Default: false.
   */
  readonly ordered?: boolean;
  /**
   * False: a prompt's failure becomes its `error` item and the others go on. True: the first
   * failure errors the whole Observable (with the prompt's error, unchanged) and cancels the
   * rest. Default: false.
   */
  readonly failFast?: boolean;
  /** The key of each prompt's items. Default: the index. */
  readonly key?: (prompt: P, index: number) => PromptKey;
  /**
   * Request and token budgets per sliding window, or a shared {@link RateLimiter}. A prompt
   * starts only when the window has room; its first attempt is counted then. Retries inside the
   * stream factory count only where the limiter sees them: give the same limiter to the client
   * (`createClient({ rateLimiter })`) or to `retryStream({ rateLimiter })` (the factory gets it as
   * `control.rateLimiter`). Default: none.
   */
  readonly rateLimit?: RateLimit<P> | RateLimiter;
  /** Shrink the concurrency on 429 and grow it back on success (AIMD). Default: off. */
  readonly adaptive?: boolean | AdaptiveConcurrency;
  /** The scheduler of the rate limit's clock and waits. Default: `asyncScheduler`. */
  readonly scheduler?: SchedulerLike;
}

/**
 * Budgets over a sliding window of `intervalMs` (see {@link RateLimitBudgets}): a prompt does
 * not start while a budget is spent, and starts as soon as old entries leave the window.
 *
 * Tokens are counted when they are known: from a `usage` event (`usage.totalTokens`), or, when a
 * prompt answered and ended without usage, from `estimateTokens`. Prompts that are running have
 * not counted yet, so the budget can be overshot by what `concurrency` prompts use at once.
 */
export interface RateLimit<P> extends RateLimitBudgets {
  /**
   * The tokens of a prompt that ended without a `usage` event. Default: the characters of the
   * prompt (a string, or its JSON) and of the answer's text, divided by 4, rounded up.
   */
  readonly estimateTokens?: (prompt: P, answerText: string) => number;
}

/** The bounds of the adaptive concurrency limit. */
export interface AdaptiveConcurrency {
  /** The lowest limit. Default: 1. */
  readonly min?: number;
  /** The highest limit. Default: `concurrency`. */
  readonly max?: number;
  /** Called with the new limit each time it changes. */
  readonly onLimitChange?: (limit: number) => void;
}

/**
 * Passed to the stream factory of `mergePrompts()`, for what the factory sees and mergePrompts
 * cannot: a 429 that a `retryStream` inside the factory absorbed never reaches mergePrompts as
 * an error, so the adaptive limit would not shrink.
 *
 * @example
 * ```ts
 * mergePrompts(prompts, (prompt, _index, control) =>
 *   client.chat(prompt).pipe(retryStream({ onRetry: ({ error }) => control.rateLimited(error) })), { adaptive: true });
 * ```
 */
export interface PromptControl {
  /** Tells the adaptive limit that this prompt was rate limited; it halves on a 429, as for a failed prompt. Ignored without `adaptive`. */
  rateLimited(error: unknown): void;
  /**
   * The run's rate limiter (undefined without `rateLimit`): give it to `retryStream({ rateLimiter })`
   * so that retries wait for it and count, or use a client created with the same limiter.
   */
  readonly rateLimiter: RateLimiter | undefined;
}
