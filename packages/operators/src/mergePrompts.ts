import { Observable, Subscription, asyncScheduler, defer, from, timer } from 'rxjs';
import type { ObservableInput, ObservedValueOf } from 'rxjs';
import { describeValue } from '@oci-genai-rx/core';
import type { MergePromptsOptions, PromptControl } from './MergePromptsOptions.js';
import type { PromptEvent, PromptKey } from './PromptEvent.js';
import { createConcurrencyLimit } from './internal/concurrencyLimit.js';
import { liveOutput, orderedOutput } from './internal/orderedOutput.js';
import { createRateLimiter } from './createRateLimiter.js';
import type { RateLimiter } from './createRateLimiter.js';
import { checkBoolean, checkFunction, checkScheduler } from './internal/checkOperatorOptions.js';
import { estimateTokens } from './internal/promptTokens.js';
import { createPromptQueue } from './internal/promptQueue.js';

/**
 * Runs many prompts through a stream factory, a few at a time, and streams every prompt's
 * events tagged with the prompt; each prompt ends with one `complete` or `error` item.
 *
 * A prompt starts when a slot is free (`concurrency`, moved by `adaptive`) and the rate limit's
 * window has budget. An iterable is read lazily, one prompt per start; an Observable's prompts
 * queue until they start, and its error errors the whole Observable. Completes when every
 * prompt has ended. A prompt's failure is its `error` item, unless `failFast`. Unsubscribing
 * cancels every running prompt (aborting its request) and any wait.
 *
 * @param prompts The prompts: an array, any iterable (read lazily), or an Observable.
 * @param streamFactory Makes one prompt's stream, e.g. `(p) => client.chat(p)`; called when the prompt starts, with a
 *   {@link PromptControl} to report 429s that a retry inside the stream absorbed.
 * @param options Concurrency, order, failure handling, rate limit, adaptive concurrency.
 * @returns An Observable of {@link PromptEvent}s.
 *
 * @example
 * ```ts
 * const answers = { a: of('A1', 'A2'), b: of('B1') };
 * mergePrompts(['a', 'b'], (p) => answers[p], { concurrency: 2 }).subscribe((item) => console.log(item.type, item.index, item.type === 'event' ? item.event : ''));
 * // event 0 A1
 * // event 0 A2
 * // complete 0
 * // event 1 B1
 * // complete 1
 * ```
 */
export function mergePrompts<P, O extends ObservableInput<unknown>>(
  prompts: Iterable<P> | Observable<P>,
  streamFactory: (prompt: P, index: number, control: PromptControl) => O,
  options: MergePromptsOptions<P> = {},
): Observable<PromptEvent<P, ObservedValueOf<O>>> {
  type E = ObservedValueOf<O>;
  const { concurrency = 4, ordered = false, failFast = false, rateLimit, scheduler = asyncScheduler } = options;
  const keyOf = options.key ?? ((_prompt: P, index: number): PromptKey => index);
  checkMergeOptions(options);
  const estimate = (rateLimit !== undefined && !isRateLimiter(rateLimit) ? rateLimit.estimateTokens : undefined) ?? estimateTokens;
  createConcurrencyLimit(concurrency, options.adaptive); // throws on bad bounds at the call, not at subscribe
  const sharedLimiter = rateLimit === undefined || isRateLimiter(rateLimit) ? rateLimit : undefined;
  if (rateLimit !== undefined && sharedLimiter === undefined) createRateLimiter({ ...rateLimit, scheduler }); // the same: check now

  return new Observable<PromptEvent<P, E>>((subscriber) => {
    const limit = createConcurrencyLimit(concurrency, options.adaptive);
    // Budgets give each subscription its own limiter; a shared limiter is shared.
    const limiter = sharedLimiter ?? (rateLimit === undefined ? undefined : createRateLimiter({ ...rateLimit, scheduler }));
    const output = (ordered ? orderedOutput : liveOutput)((item: PromptEvent<P, E>) => subscriber.next(item));
    const running = new Map<number, Subscription>();
    const queue = createPromptQueue(prompts, { changed: () => pump(), failed: (error) => subscriber.error(error) });
    let wake: Subscription | undefined;
    let pumping = false;

    /** Routes a throw of a user callback (key, estimateTokens, onLimitChange) to the subscriber, not to the process. */
    const guarded =
      <A extends unknown[]>(fn: (...args: A) => void) =>
      (...args: A): void => {
        try {
          fn(...args);
        } catch (error) {
          subscriber.error(error);
        }
      };

    /** Starts every prompt that may start now; nested calls (synchronous streams) fall through to the loop. */
    function pump(): void {
      if (pumping) return;
      pumping = true;
      while (!subscriber.closed && running.size < limit.current && queue.hasNext()) {
        const waitMs = limiter?.waitMs() ?? 0;
        if (waitMs > 0) {
          wake?.unsubscribe();
          wake = timer(waitMs, scheduler).subscribe(() => pump());
          break;
        }
        const next = queue.take();
        if (next !== undefined) guarded(start)(next.prompt, next.index);
      }
      pumping = false;
      if (!subscriber.closed && queue.done && running.size === 0) subscriber.complete();
    }

    function start(prompt: P, index: number): void {
      const tag = { index, key: keyOf(prompt, index), prompt };
      const end = guarded((item: PromptEvent<P, E>, error?: unknown): void => {
        running.delete(index);
        if (item.type === 'complete') limit.succeeded();
        else limit.failed(error);
        if (failFast && item.type === 'error') return subscriber.error(error);
        output.last(index, item);
        pump();
      });

      const stream = defer(() => from(streamFactory(prompt, index, control)));
      const estimateTokens = (answer: string): number => {
        try {
          return estimate(prompt, answer);
        } catch (error) {
          subscriber.error(error); // a throwing user callback errors the whole run, not the process
          return 0;
        }
      };
      // Registered before subscribing, so that a synchronous stream's end finds and clears it.
      const inner = new Subscription();
      running.set(index, inner);
      inner.add(
        (limiter === undefined ? stream : limiter.gate(stream, { estimateTokens })).subscribe({
          next: (event) => output.item(index, { type: 'event', ...tag, event }),
          error: (error: unknown) => end({ type: 'error', ...tag, error }, error),
          complete: () => end({ type: 'complete', ...tag }),
        }),
      );
    }

    const control: PromptControl = { rateLimited: guarded((error: unknown) => limit.failed(error)), rateLimiter: limiter };
    queue.open();
    pump();
    return () => {
      queue.close();
      wake?.unsubscribe();
      for (const inner of running.values()) inner.unsubscribe();
      running.clear();
    };
  });
}

function isRateLimiter(value: unknown): value is RateLimiter {
  return typeof (value as { gate?: unknown } | null)?.gate === 'function' && typeof (value as { waitMs?: unknown }).waitMs === 'function';
}

/** The options that are not bounds (those are checked by the concurrency limit and the rate limiter). */
function checkMergeOptions(options: MergePromptsOptions<never>): void {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(`mergePrompts: options must be an object such as { concurrency: 4 }, got ${describeValue(options)}.`);
  }
  checkBoolean('mergePrompts', 'ordered', options.ordered);
  checkBoolean('mergePrompts', 'failFast', options.failFast);
  checkFunction('mergePrompts', 'key', options.key);
  checkScheduler('mergePrompts', options.scheduler);
  const { rateLimit } = options;
  if (rateLimit !== undefined && (typeof rateLimit !== 'object' || rateLimit === null)) {
    throw new TypeError(`mergePrompts: rateLimit must be budgets { requestsPerInterval, tokensPerInterval, intervalMs } or a createRateLimiter() limiter, got ${describeValue(rateLimit)}.`);
  }
  if (rateLimit !== undefined && !isRateLimiter(rateLimit)) checkFunction('mergePrompts', 'rateLimit.estimateTokens', rateLimit.estimateTokens);
}
