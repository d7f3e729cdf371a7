import { defer, timer } from 'rxjs';
import type { Observable } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { createRateLimiter } from '../src/createRateLimiter.js';
import { mergePrompts } from '../src/mergePrompts.js';
import { retryStream } from '../src/retryStream.js';
import { rateLimited } from './support/errors.js';
import { testScheduler } from './support/marbles.js';

const usage = (totalTokens: number) => ({ type: 'usage' as const, usage: { totalTokens } });

/** A stream whose n-th subscription is `list[n]` (the last one repeats). */
function attempts<T>(...list: Observable<T>[]): Observable<T> {
  let n = 0;
  return defer(() => list[Math.min(n++, list.length - 1)] as Observable<T>);
}

describe('createRateLimiter', () => {
  it('holds an attempt until the window has room for one more request', () => {
    testScheduler().run(({ cold, expectSubscriptions }) => {
      const limiter = createRateLimiter({ requestsPerInterval: 2, intervalMs: 10 });
      const source = cold('-a|');
      for (let i = 0; i < 3; i += 1) limiter.gate(source).subscribe();
      expectSubscriptions(source.subscriptions).toBe(['^-!', '^-!', '10ms ^-!']);
    });
  });

  it('counts every retry of retryStream({ rateLimiter }) as a request', () => {
    testScheduler().run(({ cold, expectSubscriptions }) => {
      const limiter = createRateLimiter({ requestsPerInterval: 2, intervalMs: 10 });
      const failing = cold('#', undefined, rateLimited());
      const answer = cold('-a|');
      attempts(failing, failing, answer).pipe(retryStream({ count: 3, baseDelayMs: 0, rateLimiter: limiter })).subscribe();
      // Two attempts fill the window at 0; the third (second retry) waits for it to pass.
      expectSubscriptions(failing.subscriptions).toBe(['(^!)', '(^!)']);
      expectSubscriptions(answer.subscriptions).toBe('10ms ^-!');
    });
  });

  it('counts an attempt once when a gate of the same limiter sits inside another (mergePrompts around a limited stream)', () => {
    testScheduler().run(({ cold, expectSubscriptions }) => {
      const limiter = createRateLimiter({ requestsPerInterval: 2, intervalMs: 10 });
      const source = cold('-a|');
      mergePrompts([0, 1, 2, 3], () => limiter.gate(source), { concurrency: 4, rateLimit: limiter }).subscribe();
      expectSubscriptions(source.subscriptions).toBe(['^-!', '^-!', '10ms ^-!', '10ms ^-!']);
    });
  });

  it("counts each attempt's usage tokens once, in the innermost gate", () => {
    testScheduler().run(({ cold, expectSubscriptions }) => {
      const limiter = createRateLimiter({ tokensPerInterval: 100, intervalMs: 50 });
      const source = cold('-u|', { u: usage(60) });
      mergePrompts([0, 1, 2], () => limiter.gate(limiter.gate(source)), { concurrency: 1, rateLimit: limiter }).subscribe();
      // 60 at 1 and 60 at 3 (not 120 each): the third waits until the first 60 leave at 51.
      expectSubscriptions(source.subscriptions).toBe(['^-!', '--^-!', '51ms ^-!']);
    });
  });

  it('charges an attempt that answered without usage its estimate, and one refused before answering nothing', () => {
    testScheduler().run(({ cold, expectSubscriptions }) => {
      const limiter = createRateLimiter({ tokensPerInterval: 10, intervalMs: 20 });
      const refused = cold('-#', undefined, rateLimited());
      limiter.gate(refused, { estimateTokens: () => 1000 }).subscribe({ error: () => undefined });
      const answered = cold('-a|');
      limiter.gate(answered, { estimateTokens: () => 10 }).subscribe();
      const next = cold('-a|');
      testSchedulerAt(3, () => limiter.gate(next).subscribe());
      expectSubscriptions(refused.subscriptions).toBe('^!');
      expectSubscriptions(answered.subscriptions).toBe('^-!');
      expectSubscriptions(next.subscriptions).toBe('22ms ^-!');
    });
  });

  it('cancels the wait and never subscribes when unsubscribed while held', () => {
    testScheduler().run(({ cold, expectSubscriptions }) => {
      const limiter = createRateLimiter({ requestsPerInterval: 1, intervalMs: 10 });
      const source = cold('-a|');
      limiter.gate(source).subscribe();
      const held = limiter.gate(source).subscribe();
      testSchedulerAt(5, () => held.unsubscribe());
      expectSubscriptions(source.subscriptions).toBe(['^-!']);
    });
  });

  it('stops the source when unsubscribed', () => {
    testScheduler().run(({ cold, expectSubscriptions }) => {
      const limiter = createRateLimiter({ requestsPerInterval: 5 });
      const source = cold('-a-b-c|');
      const subscription = limiter.gate(source).subscribe();
      testSchedulerAt(3, () => subscription.unsubscribe());
      expectSubscriptions(source.subscriptions).toBe('^--!');
    });
  });

  it.each([
    [{ requestsPerInterval: 0 }, RangeError, /requestsPerInterval must be a whole number of at least 1, or Infinity, got 0/],
    [{ requestsPerInterval: Number.NaN }, RangeError, /got NaN/],
    [{ tokensPerInterval: -1 }, RangeError, /tokensPerInterval must be a finite number above 0, or Infinity, got -1/],
    [{ intervalMs: Infinity }, RangeError, /intervalMs must be a finite number above 0 and at most 2147483647, got Infinity/],
    [{ intervalMs: '1000' }, TypeError, /intervalMs must be .*, got "1000"/],
  ])('refuses %j at the call', (options, type, message) => {
    expect(() => createRateLimiter(options as never)).toThrow(type);
    expect(() => createRateLimiter(options as never)).toThrow(message);
  });
});

/** Runs `action` at virtual time `ms` inside the current TestScheduler run (timers are virtual there). */
function testSchedulerAt(ms: number, action: () => void): void {
  timer(ms).subscribe(action);
}
