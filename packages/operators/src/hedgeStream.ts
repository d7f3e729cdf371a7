import type { ChatEvent } from '@oci-genai-rx/core';
import { Observable, asyncScheduler, timer } from 'rxjs';
import type { OperatorFunction, SchedulerLike, Subscription } from 'rxjs';
import { FirstTokenTimes } from './internal/FirstTokenTimes.js';

/**
 * Emitted by {@link hedgeStream} before the winner's first event, when at least one hedge was
 * sent: which attempt delivered the first token, and when.
 *
 * @example
 * ```ts
 * { type: 'hedge', winner: 1, attempts: 2, firstTokenMs: 412 }
 * ```
 */
export interface HedgeEvent {
  readonly type: 'hedge';
  /** The attempt whose events follow: 0 for the original request, 1 for the first hedge. */
  readonly winner: number;
  /** How many attempts were sent in all. */
  readonly attempts: number;
  /** Milliseconds from subscription to the winner's first token (what the user waited). */
  readonly firstTokenMs: number;
}

/**
 * Where a hedge asks for room before it is sent: the shared `RateLimiter` (createRateLimiter)
 * is one. A hedge that would have to wait for the rate limit is pointless, so none is sent.
 * The budget is only asked, not charged: the hedge is counted where every request is, by the
 * client's `rateLimiter` gate, so give the client the same limiter.
 */
export interface HedgeBudget {
  /** Milliseconds until one more request may start: 0 when one may start now. */
  waitMs(): number;
}

/** The options of {@link hedgeStream}. */
export interface HedgeStreamConfig {
  /**
   * Milliseconds to wait for the first token before sending a hedge; or `'p95'` (also `'p90'`,
   * `'p99'`) to hedge above that quantile of the first-token times this operator has seen.
   */
  readonly afterMs: number | AdaptiveHedgeDelay;
  /** The most hedges per subscription, sent `afterMs` apart. Default: 1. */
  readonly maxHedges?: number;
  /**
   * The rate limit a hedge needs room in, e.g. the client's `RateLimiter`: no hedge is sent
   * while it would have to wait. Default: none (every hedge is sent).
   */
  readonly budget?: HedgeBudget;
  /** Adaptive mode: the first-token times to learn before any hedge is sent. Default: 20. */
  readonly minSamples?: number;
  /** The scheduler of the hedge delays and of the clock. Default: `asyncScheduler`. */
  readonly scheduler?: SchedulerLike;
}

/** A quantile of the learned first-token times. */
export type AdaptiveHedgeDelay = 'p90' | 'p95' | 'p99';

const QUANTILES: Readonly<Record<AdaptiveHedgeDelay, number>> = { p90: 0.9, p95: 0.95, p99: 0.99 };

/**
 * Cuts the tail of time-to-first-token with hedged requests ("The Tail at Scale", Dean and
 * Barroso, 2013): when no token has arrived `afterMs` after subscribing, it subscribes to the
 * source again, a second request, and keeps whichever attempt delivers a token first.
 *
 * The source must be cold, each subscription one request (as `client.chat(...)` is). Events
 * come from the winner only: a loser's `start` is dropped, and the losers are unsubscribed the
 * moment the winner's first token arrives, which aborts their requests and closes their
 * sockets. When hedges were sent a {@link HedgeEvent} comes first. An attempt that ends before
 * any token (an answer with no text) wins too. An attempt that fails before winning is dropped
 * while others are still running; once every attempt sent has failed, the first error passes
 * through at once (retrying is `retryStream`'s job: place it after this operator).
 * Unsubscribing stops every attempt and the hedge timer.
 *
 * In adaptive mode (`afterMs: 'p95'`) the operator learns from each subscription the original
 * request's first-token time (or, when a hedge won, how long the original had waited by then,
 * a lower bound) over the last 200 subscriptions, and sends no hedge until it has `minSamples`.
 * Create the operator once and share it between requests so that it learns.
 *
 * @param config The options, or a number: `afterMs`.
 * @returns An operator racing the source against its hedges.
 *
 * @example
 * ```ts
 * const hedge = hedgeStream({ afterMs: 1_000, budget: limiter }); // the limiter the client was given
 * client.chat({ model, prompt: 'Tell me a joke.' }).pipe(hedge, toText()).subscribe(console.log);
 * // (the original stalls for 3 s; a hedge is sent at 1 s and answers at 1.3 s)
 * // Why did the scarecrow win an award?
 * ```
 */
export function hedgeStream(config: number | HedgeStreamConfig): OperatorFunction<ChatEvent, ChatEvent | HedgeEvent> {
  const options: HedgeStreamConfig = typeof config === 'number' ? { afterMs: config } : config;
  const { afterMs, maxHedges = 1, budget, minSamples = 20, scheduler = asyncScheduler } = options;
  checkOptions(afterMs, maxHedges, minSamples);
  const learned = typeof afterMs === 'number' ? undefined : new FirstTokenTimes(200);

  return (source) =>
    new Observable<ChatEvent | HedgeEvent>((subscriber) => {
      const startedAt = scheduler.now();
      const delayMs = learned === undefined ? (afterMs as number) : learned.quantile(QUANTILES[afterMs as AdaptiveHedgeDelay], minSamples);
      const attempts: Attempt[] = [];
      let winner: Attempt | undefined;
      let hedgeTimer: Subscription | undefined;
      let hedgesDue = delayMs === undefined ? 0 : maxHedges;
      let firstError: { error: unknown } | undefined;

      const win = (attempt: Attempt): void => {
        winner = attempt;
        hedgeTimer?.unsubscribe();
        for (const other of attempts) if (other !== attempt) other.subscription?.unsubscribe();
        const now = scheduler.now();
        const original = attempts[0] as Attempt;
        learned?.record(now - original.startedAt);
        if (attempts.length > 1) {
          subscriber.next({ type: 'hedge', winner: attempt.index, attempts: attempts.length, firstTokenMs: now - startedAt });
        }
        for (const event of attempt.held) subscriber.next(event);
        attempt.held.length = 0;
      };

      const fail = (attempt: Attempt, error: unknown): void => {
        attempt.failed = true;
        firstError ??= { error };
        // Every request sent has failed: a hedge sent now would be a retry, retryStream's job.
        if (attempts.every((a) => a.failed)) subscriber.error(firstError.error);
      };

      const send = (): void => {
        const attempt: Attempt = { index: attempts.length, startedAt: scheduler.now(), held: [], failed: false };
        attempts.push(attempt);
        const subscription = source.subscribe({
          next: (event) => {
            if (winner === attempt) return subscriber.next(event);
            if (winner !== undefined) return;
            if (event.type === 'text' || event.type === 'reasoning' || event.type === 'tool-call') {
              win(attempt);
              subscriber.next(event);
            } else {
              attempt.held.push(event);
            }
          },
          error: (error: unknown) => (winner === attempt ? subscriber.error(error) : fail(attempt, error)),
          complete: () => {
            if (winner === undefined) win(attempt);
            if (winner === attempt) subscriber.complete();
          },
        });
        // A source that answered synchronously has already won, and its losers are stopped.
        if (winner !== undefined && winner !== attempt) subscription.unsubscribe();
        else attempt.subscription = subscription;
      };

      const scheduleHedge = (): void => {
        if (hedgesDue === 0 || delayMs === undefined) return;
        hedgeTimer = timer(delayMs, scheduler).subscribe(() => {
          hedgesDue -= 1;
          if (budget === undefined || budget.waitMs() === 0) send();
          if (hedgesDue > 0) scheduleHedge();
        });
      };

      send();
      if (winner === undefined && !subscriber.closed) scheduleHedge();

      return () => {
        hedgeTimer?.unsubscribe();
        for (const attempt of attempts) attempt.subscription?.unsubscribe();
      };
    });
}

/** One request of a hedged subscription. */
interface Attempt {
  readonly index: number;
  readonly startedAt: number;
  /** Its events before its first token (`start`): shown only if it wins. */
  readonly held: ChatEvent[];
  subscription?: Subscription;
  failed: boolean;
}

function checkOptions(afterMs: unknown, maxHedges: unknown, minSamples: unknown): void {
  if (typeof afterMs === 'number') {
    if (!(afterMs >= 0 && Number.isFinite(afterMs))) {
      throw new RangeError(`hedgeStream: afterMs must be a finite number of milliseconds >= 0, or 'p90' | 'p95' | 'p99'; got ${String(afterMs)}.`);
    }
  } else if (typeof afterMs !== 'string' || !(afterMs in QUANTILES)) {
    throw new TypeError(`hedgeStream: afterMs must be a number of milliseconds or 'p90' | 'p95' | 'p99'; got ${JSON.stringify(afterMs) ?? String(afterMs)}.`);
  }
  if (!(Number.isInteger(maxHedges) && (maxHedges as number) >= 0)) {
    throw new RangeError(`hedgeStream: maxHedges must be a whole number >= 0; got ${String(maxHedges)}.`);
  }
  if (!(Number.isInteger(minSamples) && (minSamples as number) >= 1)) {
    throw new RangeError(`hedgeStream: minSamples must be a whole number >= 1; got ${String(minSamples)}.`);
  }
}
