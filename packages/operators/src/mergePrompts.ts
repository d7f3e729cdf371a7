import { Observable, Subscription, asyncScheduler, defer, from, timer } from 'rxjs';
import type { ObservableInput, ObservedValueOf } from 'rxjs';
import type { MergePromptsOptions, PromptControl } from './MergePromptsOptions.js';
import type { PromptEvent, PromptKey } from './PromptEvent.js';
import { createConcurrencyLimit } from './internal/concurrencyLimit.js';
import { liveOutput, orderedOutput } from './internal/orderedOutput.js';
import { estimateTokens, usageTokens } from './internal/promptTokens.js';
import { createPromptQueue } from './internal/promptQueue.js';
import { createRateLimiter } from './internal/rateLimiter.js';
import { tokenText } from './internal/tokens.js';

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
  const estimate = rateLimit?.estimateTokens ?? estimateTokens;
  createConcurrencyLimit(concurrency, options.adaptive); // throws on bad bounds at the call, not at subscribe
  if (rateLimit !== undefined) createRateLimiter(rateLimit, () => 0);

  return new Observable<PromptEvent<P, E>>((subscriber) => {
    const limit = createConcurrencyLimit(concurrency, options.adaptive);
    const limiter = rateLimit === undefined ? undefined : createRateLimiter(rateLimit, () => scheduler.now());
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
      let usage: number | undefined;
      let answer = '';
      const end = guarded((item: PromptEvent<P, E>, error?: unknown): void => {
        running.delete(index);
        if (usage === undefined) limiter?.used(estimate(prompt, answer));
        if (item.type === 'complete') limit.succeeded();
        else limit.failed(error);
        if (failFast && item.type === 'error') return subscriber.error(error);
        output.last(index, item);
        pump();
      });

      limiter?.started();
      // Registered before subscribing, so that a synchronous stream's end finds and clears it.
      const inner = new Subscription();
      running.set(index, inner);
      inner.add(
        defer(() => from(streamFactory(prompt, index, control))).subscribe({
          next: (event) => {
            const tokens = usageTokens(event);
            if (tokens !== undefined) {
              usage = (usage ?? 0) + tokens;
              limiter?.used(tokens);
            } else if (limiter !== undefined) answer += tokenText(event);
            output.item(index, { type: 'event', ...tag, event });
          },
          error: (error: unknown) => end({ type: 'error', ...tag, error }, error),
          complete: () => end({ type: 'complete', ...tag }),
        }),
      );
    }

    const control: PromptControl = { rateLimited: guarded((error: unknown) => limit.failed(error)) };
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
