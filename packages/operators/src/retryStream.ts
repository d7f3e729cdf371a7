import type { AttemptGate } from '@oci-genai-rx/core';
import { ConnectionError, IncompleteStreamError, MAX_TIMER_MS, checkNumberOption, describeValue, isRetryable } from '@oci-genai-rx/core';
import { asyncScheduler, Observable, timer } from 'rxjs';
import type { MonoTypeOperatorFunction, OperatorFunction, SchedulerLike, Subscription } from 'rxjs';
import { StreamTimeoutError } from './StreamTimeoutError.js';
import { checkBoolean, checkFunction, checkScheduler } from './internal/checkOperatorOptions.js';
import { isToken } from './internal/tokens.js';

/** What {@link RetryStreamConfig.onRetry} is told before each retry. */
export interface RetryInfo {
  /** The retry about to happen: 1 for the first retry. */
  readonly attempt: number;
  /** How long the retry waits first, in milliseconds. */
  readonly delayMs: number;
  /** The error that failed the previous attempt. */
  readonly error: unknown;
}

/**
 * Emitted by `retryStream({ restartAfterTokens: true })` when a new attempt starts after an
 * attempt that had emitted tokens: discard what was shown of the failed attempt.
 *
 * @example
 * ```ts
 * { type: 'reset', attempt: 1, error: ConnectionError, discardedTokens: 12 }
 * ```
 */
export interface StreamResetEvent {
  readonly type: 'reset';
  /** The retry that starts now: 1 for the first retry. */
  readonly attempt: number;
  /** The error that failed the previous attempt. */
  readonly error: unknown;
  /** How many tokens of the failed attempt were emitted and must be discarded. */
  readonly discardedTokens: number;
}

/** The options of {@link retryStream}. */
export interface RetryStreamConfig {
  /** The maximum number of retries (not counting the first attempt). Default: 3. */
  readonly count?: number;
  /** The backoff base, in milliseconds: retry n waits up to `baseDelayMs * 2^(n-1)`. Default: 500. */
  readonly baseDelayMs?: number;
  /** The cap of the computed backoff, in milliseconds. Default: 30000. */
  readonly maxDelayMs?: number;
  /**
   * The cap of a server's `Retry-After` (`error.retryAfterMs`), in milliseconds: a longer hint
   * waits this long. Default: 60000. A hint of 0 or less, or one that is not a number, is
   * ignored in favour of the backoff.
   */
  readonly maxRetryAfterMs?: number;
  /**
   * Whether to retry `error`; `attempt` is the retry that would happen (1 for the first).
   * Default: core's `isRetryable(error)` (429, 5xx, 409 IncorrectState, connection failures
   * before the first token, first-token timeouts). It is never asked after tokens unless
   * `restartAfterTokens` is true.
   */
  readonly shouldRetry?: (error: unknown, attempt: number) => boolean;
  /** Called before each retry's delay starts. */
  readonly onRetry?: (info: RetryInfo) => void;
  /**
   * Whether to restart a stream that failed after emitting tokens, emitting a
   * {@link StreamResetEvent} first. Then connection failures, incomplete streams and idle
   * timeouts are retried even after tokens. Default: false (the error passes through).
   */
  readonly restartAfterTokens?: boolean;
  /** The random source of the jitter, returning [0, 1). Default: `Math.random`. */
  readonly random?: () => number;
  /** The scheduler of the delays. Default: `asyncScheduler`. */
  readonly scheduler?: SchedulerLike;
  /**
   * A rate limiter (`createRateLimiter`) every attempt waits for and is counted by, the first
   * and each retry, with its tokens. Not needed when the source is a client created with the
   * same limiter: that one gates every request already. Default: none.
   */
  readonly rateLimiter?: AttemptGate;
}

/**
 * Retries a token stream on retryable errors, with exponential backoff and full jitter,
 * honouring the server's `Retry-After`, and never duplicating text.
 *
 * Retry n waits `random() * min(maxDelayMs, baseDelayMs * 2^(n-1))` ms (rounded), or the error's
 * `retryAfterMs` (capped by `maxRetryAfterMs`) when the server sent one. Once an attempt has
 * emitted a token, its error passes through unchanged: a retry would repeat text already shown.
 * With `restartAfterTokens: true` it restarts anyway and emits a {@link StreamResetEvent} before
 * the new attempt. Completion passes through; the last error passes through when retries run
 * out or the error is not retryable; unsubscribing stops the attempt or cancels the delay.
 *
 * @param config The options, or a number: `count`.
 * @returns An operator resubscribing to the source on retryable errors.
 *
 * @example
 * ```ts
 * // The first call is refused with a 429 (core's RateLimitError), the second answers.
 * let calls = 0;
 * const flaky = defer(() => (++calls === 1 ? throwError(() => rateLimitError) : of('Hi', '!')));
 * flaky.pipe(retryStream({ count: 2, onRetry: (r) => console.log('retry', r.attempt) })).subscribe(console.log);
 * // retry 1
 * // Hi
 * // !
 * ```
 */
export function retryStream<T>(config?: number | (RetryStreamConfig & { readonly restartAfterTokens?: false })): MonoTypeOperatorFunction<T>;
export function retryStream<T>(config: RetryStreamConfig & { readonly restartAfterTokens: true }): OperatorFunction<T, T | StreamResetEvent>;
export function retryStream<T>(config?: number | RetryStreamConfig): OperatorFunction<T, T | StreamResetEvent>;
export function retryStream<T>(config: number | RetryStreamConfig = {}): OperatorFunction<T, T | StreamResetEvent> {
  const options: RetryStreamConfig = typeof config === 'number' ? { count: config } : config;
  checkRetryOptions(config, options);
  const { count = 3, restartAfterTokens = false, scheduler = asyncScheduler } = options;
  const shouldRetry = options.shouldRetry ?? (restartAfterTokens ? isRestartable : (error: unknown) => isRetryable(error));

  return (source) =>
    // By hand rather than defer + tap + retry: every token passes each subscriber of the usual
    // pipeline, and in a real stream each one is a megamorphic call through rxjs's
    // Subscriber.next. One subscriber per attempt both counts the tokens and forwards them.
    new Observable<T | StreamResetEvent>((subscriber) => {
      /**
       * Tokens the current attempt has emitted. Without restartAfterTokens only "none or some"
       * decides, so it stops at 1 and the per-token isToken check ends with the first token.
       */
      let tokens = 0;
      /** Retries started so far (rxjs retry's count). */
      let retries = 0;
      let attempt: Subscription | null = null;
      let delay: Subscription | null = null;

      const subscribeAttempt = (announce: StreamResetEvent | undefined): void => {
        tokens = 0;
        if (announce !== undefined) subscriber.next(announce);
        const gated = options.rateLimiter === undefined ? source : options.rateLimiter.gate(source);
        const current = gated.subscribe({
          next: (value) => {
            if ((restartAfterTokens || tokens === 0) && isToken(value)) tokens += 1;
            subscriber.next(value);
          },
          error: (error: unknown) => {
            // A synchronous error ends this attempt before `subscribe` returns: the attempt that
            // follows must not be overwritten by the one that failed.
            attempt = null;
            onAttemptError(error);
          },
          complete: () => subscriber.complete(),
        });
        // Set only while it is still the attempt in flight (it did not fail synchronously).
        if (!current.closed) attempt = current;
        if (subscriber.closed) current.unsubscribe();
      };

      const onAttemptError = (error: unknown): void => {
        let retryDelayMs: number;
        let reset: StreamResetEvent | undefined;
        try {
          const retryCount = ++retries;
          if (retryCount > count || (tokens > 0 && !restartAfterTokens) || !shouldRetry(error, retryCount)) {
            subscriber.error(error);
            return;
          }
          retryDelayMs = backoffMs(error, retryCount, options);
          options.onRetry?.({ attempt: retryCount, delayMs: retryDelayMs, error });
          if (tokens > 0) reset = { type: 'reset', attempt: retryCount, error, discardedTokens: tokens };
        } catch (thrown) {
          // A throwing shouldRetry, onRetry or random fails the stream, as inside rxjs's retry.
          subscriber.error(thrown);
          return;
        }
        delay = timer(retryDelayMs, scheduler).subscribe(() => {
          delay = null;
          subscribeAttempt(reset);
        });
      };

      subscribeAttempt(undefined);
      return () => {
        attempt?.unsubscribe();
        delay?.unsubscribe();
      };
    });
}

/** Every option checked at the call: a bad one would otherwise surface as an odd delay or a retry loop. */
function checkRetryOptions(config: unknown, options: RetryStreamConfig): void {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(`retryStream: config must be a retry count or { count, baseDelayMs, … }, got ${describeValue(config)}.`);
  }
  checkNumberOption('retryStream', typeof config === 'number' ? 'config' : 'count', options.count, { integer: true, min: 0, infinity: true });
  for (const name of ['baseDelayMs', 'maxDelayMs', 'maxRetryAfterMs'] as const) {
    checkNumberOption('retryStream', name, options[name], { min: 0, max: MAX_TIMER_MS });
  }
  for (const name of ['shouldRetry', 'onRetry', 'random'] as const) checkFunction('retryStream', name, options[name]);
  checkBoolean('retryStream', 'restartAfterTokens', options.restartAfterTokens);
  checkScheduler('retryStream', options.scheduler);
  if (options.rateLimiter !== undefined && typeof (options.rateLimiter as { gate?: unknown } | null)?.gate !== 'function') {
    throw new TypeError(`retryStream: rateLimiter must be a createRateLimiter() limiter, got ${describeValue(options.rateLimiter)}.`);
  }
}

/** The wait before retry `retryCount` (1-based): the server's Retry-After, or full-jitter backoff. */
function backoffMs(error: unknown, retryCount: number, options: RetryStreamConfig): number {
  const { baseDelayMs = 500, maxDelayMs = 30_000, maxRetryAfterMs = 60_000, random = Math.random } = options;
  const retryAfterMs = (error as { retryAfterMs?: unknown } | null)?.retryAfterMs;
  // Only a positive, finite hint replaces the backoff: 0, a negative or a NaN one (a misbehaving
  // server or proxy) would turn the retries into a burst against a service already refusing.
  if (typeof retryAfterMs === 'number' && Number.isFinite(retryAfterMs) && retryAfterMs > 0) {
    return Math.min(retryAfterMs, maxRetryAfterMs);
  }
  return Math.round(random() * Math.min(maxDelayMs, baseDelayMs * 2 ** (retryCount - 1)));
}

/**
 * The default predicate of restart mode: what is retryable before tokens, plus the failures
 * that are not retryable after tokens only because a retry would repeat text.
 */
function isRestartable(error: unknown): boolean {
  return (
    isRetryable(error) ||
    error instanceof ConnectionError ||
    error instanceof IncompleteStreamError ||
    (error instanceof StreamTimeoutError && error.phase === 'idle')
  );
}
