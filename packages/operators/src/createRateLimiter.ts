import type { AttemptGate } from '@oci-genai-rx/core';
import { MAX_TIMER_MS, checkNumberOption, describeValue } from '@oci-genai-rx/core';
import { Observable, asyncScheduler, timer } from 'rxjs';
import type { SchedulerLike, Subscription } from 'rxjs';
import { checkScheduler } from './internal/checkOperatorOptions.js';
import { usageTokens } from './internal/promptTokens.js';
import { createRateWindow } from './internal/rateWindow.js';
import { tokenText } from './internal/tokens.js';

/**
 * Request and token budgets per sliding window, for {@link createRateLimiter} and
 * `mergePrompts({ rateLimit })`.
 *
 * @example
 * ```ts
 * { requestsPerInterval: 60, tokensPerInterval: 100_000, intervalMs: 60_000 }
 * ```
 */
export interface RateLimitBudgets {
  /** HTTP attempts (first tries and retries) allowed to start per window. Default: unlimited. */
  readonly requestsPerInterval?: number;
  /** Tokens (prompt plus answer, of every attempt) allowed per window. Default: unlimited. */
  readonly tokensPerInterval?: number;
  /** The window, in milliseconds, at most 2^31 - 1. Default: 60000 (one minute). */
  readonly intervalMs?: number;
}

/** The options of {@link createRateLimiter}. */
export interface RateLimiterOptions extends RateLimitBudgets {
  /** The scheduler of the window's clock and of the waits. Default: `asyncScheduler`. */
  readonly scheduler?: SchedulerLike;
}

/**
 * A shared rate limiter: one sliding window of attempts and tokens that every place an HTTP
 * attempt can start consults. Give the same limiter to the client (`createClient({ rateLimiter })`),
 * which gates every request it sends, retries included; to `mergePrompts({ rateLimit })`, which
 * then starts a prompt only when the window has room; and, for streams that do not come from a
 * limited client, to `retryStream({ rateLimiter })`.
 *
 * Each attempt is counted once: a gate reached while another gate of the same limiter is
 * subscribing (mergePrompts starting a prompt whose first request is the client's) lets the
 * attempt through without counting it again, and only the innermost gate counts its tokens.
 * A gate reached later (a retry, or a factory that subscribes after a delay) counts on its own.
 */
export interface RateLimiter extends AttemptGate {
  /** The budgets, with their defaults filled in. */
  readonly budgets: Required<RateLimitBudgets>;
  /** Milliseconds until one more attempt may start: 0 when one may start now. */
  waitMs(): number;
}

/**
 * Creates a {@link RateLimiter}: within any window of `intervalMs` on its scheduler's clock, at
 * most `requestsPerInterval` attempts start. An attempt is held while the tokens counted in the
 * window reach `tokensPerInterval`; tokens count when an attempt's `usage` event arrives (or, for
 * an attempt that answered and ended without one, as an estimate of 4 characters a token), so
 * attempts running at that moment can overshoot the token budget by what they use. There is no
 * burst allowance beyond that: a full window waits until its oldest attempt leaves it.
 *
 * @param options Budgets and scheduler; every budget is checked now.
 * @returns The limiter; its `gate` is what the client, retryStream and mergePrompts call.
 * @throws {RangeError | TypeError} for a budget that is not a positive number (NaN, 0, a string),
 *   or an interval that is not finite or longer than 2^31 - 1 ms.
 *
 * @example
 * ```ts
 * const limiter = createRateLimiter({ requestsPerInterval: 10, intervalMs: 5_000 });
 * const client = createClient({ compartmentId, rateLimiter: limiter });
 * mergePrompts(prompts, (p) => client.chat({ model, prompt: p }).pipe(retryStream()), { rateLimit: limiter });
 * // at most 10 requests reach OCI in any 5 s, first tries and retries together
 * ```
 */
export function createRateLimiter(options: RateLimiterOptions = {}): RateLimiter {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(`createRateLimiter: options must be { requestsPerInterval, tokensPerInterval, intervalMs }, got ${describeValue(options)}.`);
  }
  checkNumberOption('createRateLimiter', 'requestsPerInterval', options.requestsPerInterval, { integer: true, min: 1, infinity: true });
  checkNumberOption('createRateLimiter', 'tokensPerInterval', options.tokensPerInterval, { above: 0, infinity: true });
  checkNumberOption('createRateLimiter', 'intervalMs', options.intervalMs, { above: 0, max: MAX_TIMER_MS });
  checkScheduler('createRateLimiter', options.scheduler);
  const { requestsPerInterval = Infinity, tokensPerInterval = Infinity, intervalMs = 60_000, scheduler = asyncScheduler } = options;
  const budgets = { requestsPerInterval, tokensPerInterval, intervalMs };
  const window = createRateWindow(budgets, () => scheduler.now());
  // The gates of this limiter that are subscribing to their attempt right now, innermost last.
  const subscribing: { nested: boolean }[] = [];

  function gate<T>(attempt: Observable<T>, gateOptions: { readonly estimateTokens?: (answerText: string) => number } = {}): Observable<T> {
    const estimate = gateOptions.estimateTokens ?? ((text: string) => Math.ceil(text.length / 4));
    return new Observable<T>((subscriber) => {
      // An outer gate of this limiter subscribing right now has counted this attempt as a
      // request; this one, being closer to it, counts its tokens instead of the outer one.
      const outer = subscribing[subscribing.length - 1];
      if (outer !== undefined) outer.nested = true;
      const frame = { nested: false };
      let inner: Subscription | undefined;
      let wake: Subscription | undefined;
      let usageSeen = false;
      let answered = false;
      let text = '';
      let settled = false;
      /** Counts the estimate of an attempt that answered without usage; returns what a throwing estimate threw. */
      const settle = (): unknown => {
        if (settled || frame.nested || usageSeen || !answered) return undefined;
        settled = true;
        try {
          window.used(estimate(text));
          return undefined;
        } catch (error) {
          return error;
        }
      };
      const begin = (): void => {
        if (outer === undefined) {
          const waitMs = window.waitMs();
          if (waitMs > 0) {
            wake = timer(waitMs, scheduler).subscribe(begin);
            return;
          }
          window.started();
        }
        subscribing.push(frame);
        try {
          inner = attempt.subscribe({
            next: (value) => {
              if (!frame.nested) {
                const tokens = usageTokens(value);
                if (tokens === undefined) {
                  answered = true;
                  text += tokenText(value);
                } else {
                  usageSeen = true;
                  window.used(tokens);
                }
              }
              subscriber.next(value);
            },
            error: (error: unknown) => {
              settle();
              subscriber.error(error);
            },
            complete: () => {
              const failure = settle();
              if (failure === undefined) subscriber.complete();
              else subscriber.error(failure);
            },
          });
        } finally {
          subscribing.pop();
        }
      };
      begin();
      return () => {
        wake?.unsubscribe();
        if (inner === undefined) return;
        inner.unsubscribe();
        // An unsubscribed attempt has nobody to tell of a throwing estimate: it counts nothing.
        settle();
      };
    });
  }

  return { budgets, waitMs: () => window.waitMs(), gate };
}
