import { defer, of, throwError } from 'rxjs';
import type { Observable } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { StreamTimeoutError } from '../src/StreamTimeoutError.js';
import { retryStream } from '../src/retryStream.js';
import type { RetryInfo, StreamResetEvent } from '../src/retryStream.js';
import { badRequest, connectionReset, rateLimited, unavailable } from './support/errors.js';
import { testScheduler } from './support/marbles.js';

/** A stream whose n-th subscription is `list[n]` (the last one repeats). */
function attempts<T>(...list: Observable<T>[]): Observable<T> {
  let n = 0;
  return defer(() => list[Math.min(n++, list.length - 1)] as Observable<T>);
}

const half = () => 0.5;
const zero = () => 0;

describe('retryStream', () => {
  it('waits random() * baseDelayMs * 2^(n-1) before retry n and gives up after count retries', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const error = rateLimited();
      const source = cold('-#', undefined, error);
      const result = source.pipe(retryStream({ count: 2, baseDelayMs: 10, random: half }));
      expectObservable(result).toBe('18ms #', undefined, error);
      expectSubscriptions(source.subscriptions).toBe(['^!', '6ms ^!', '17ms ^!']);
    });
  });

  it('caps the computed delay at maxDelayMs', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const error = unavailable();
      const source = cold('#', undefined, error);
      const result = source.pipe(retryStream({ count: 3, baseDelayMs: 10, maxDelayMs: 15, random: () => 1 }));
      expectObservable(result).toBe('40ms #', undefined, error);
      expectSubscriptions(source.subscriptions).toBe(['(^!)', '10ms (^!)', '25ms (^!)', '40ms (^!)']);
    });
  });

  it('reads a number as the retry count', () => {
    let caught: unknown;
    const error = unavailable();
    const source = testScheduler().run(({ cold }) => {
      const failing = cold('#', undefined, error);
      // Math.random picks the delays here: only the number of attempts is certain.
      failing.pipe(retryStream(2)).subscribe({ error: (e: unknown) => (caught = e) });
      return failing;
    });
    expect(source.subscriptions).toHaveLength(3);
    expect(caught).toBe(error);
  });

  it("waits the server's Retry-After instead of the backoff", () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const first = cold('#', undefined, rateLimited(7));
      const second = cold('-a|');
      const result = attempts(first, second).pipe(retryStream({ baseDelayMs: 1_000, random: half }));
      expectObservable(result).toBe('7ms -a|');
      expectSubscriptions(second.subscriptions).toBe('7ms ^-!');
    });
  });

  it.each([0, -5, Number.NaN, -Infinity])('ignores a Retry-After of %d and waits the backoff', (retryAfterMs) => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const first = cold('#', undefined, rateLimited(retryAfterMs));
      const second = cold('-a|');
      const result = attempts(first, second).pipe(retryStream({ baseDelayMs: 10, random: half }));
      expectObservable(result).toBe('5ms -a|');
      expectSubscriptions(second.subscriptions).toBe('5ms ^-!');
    });
  });

  it('caps the Retry-After at maxRetryAfterMs', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const first = cold('#', undefined, rateLimited(60_000));
      const second = cold('-a|');
      const result = attempts(first, second).pipe(retryStream({ maxRetryAfterMs: 5 }));
      expectObservable(result).toBe('5ms -a|');
      expectSubscriptions(second.subscriptions).toBe('5ms ^-!');
    });
  });

  it('tells onRetry the attempt number, the delay and the error before each retry', () => {
    const error = unavailable();
    const infos: RetryInfo[] = [];
    testScheduler().run(({ cold, expectObservable }) => {
      const result = cold('#', undefined, error).pipe(retryStream({ count: 2, baseDelayMs: 10, random: half, onRetry: (info) => infos.push(info) }));
      expectObservable(result).toBe('15ms #', undefined, error);
    });
    expect(infos).toEqual([
      { attempt: 1, delayMs: 5, error },
      { attempt: 2, delayMs: 10, error },
    ]);
  });

  it('passes a non-retryable error through at once, without retrying', () => {
    const infos: RetryInfo[] = [];
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const error = badRequest();
      const source = cold('--#', undefined, error);
      expectObservable(source.pipe(retryStream({ random: zero, onRetry: (info) => infos.push(info) }))).toBe('--#', undefined, error);
      expectSubscriptions(source.subscriptions).toBe('^-!');
    });
    expect(infos).toEqual([]);
  });

  it('passes the error through unchanged once the failed attempt has emitted a token', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const error = unavailable();
      const source = cold('a-#', undefined, error);
      expectObservable(source.pipe(retryStream({ random: zero }))).toBe('a-#', undefined, error);
      expectSubscriptions(source.subscriptions).toBe('^-!');
    });
  });

  it('still retries when the failed attempt emitted only metadata events', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const start = { type: 'start', opcRequestId: 'r', model: 'm', format: 'GENERIC' } as const;
      const text = { type: 'text', text: 'Hi' } as const;
      const first = cold('s#', { s: start }, connectionReset(0));
      const second = cold('st|', { s: start, t: text });
      expectObservable(attempts(first, second).pipe(retryStream({ random: zero }))).toBe('sst|', { s: start, t: text });
      expectSubscriptions(second.subscriptions).toBe('-^-!');
    });
  });

  it('retries a first-token timeout, which is retryable', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const timeout = new StreamTimeoutError('No first token after 3 ms', { phase: 'first-token', waitedMs: 3, tokensReceived: 0 });
      const result = attempts(cold('---#', undefined, timeout), cold('a|')).pipe(retryStream({ random: zero }));
      expectObservable(result).toBe('---a|');
    });
  });

  it('asks shouldRetry with the error and the attempt number', () => {
    const asked: [unknown, number][] = [];
    testScheduler().run(({ cold, expectObservable }) => {
      const error = badRequest();
      const shouldRetry = (e: unknown, attempt: number) => (asked.push([e, attempt]), attempt < 3);
      expectObservable(cold('#', undefined, error).pipe(retryStream({ count: 5, random: zero, shouldRetry }))).toBe('#', undefined, error);
    });
    expect(asked.map(([, attempt]) => attempt)).toEqual([1, 2, 3]);
  });

  it('in restart mode emits a reset event and then the new attempt after a failure with tokens', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const error = connectionReset(2);
      const first = cold('ab#', undefined, error);
      const second = cold('-cd|');
      const reset: StreamResetEvent = { type: 'reset', attempt: 1, error, discardedTokens: 2 };
      const result = attempts(first, second).pipe(retryStream({ restartAfterTokens: true, random: zero }));
      expectObservable(result).toBe('ab r cd|', { a: 'a', b: 'b', c: 'c', d: 'd', r: reset });
      expectSubscriptions(first.subscriptions).toBe('^-!');
      expectSubscriptions(second.subscriptions).toBe('--^--!');
    });
  });

  it('in restart mode emits no reset when the failed attempt had emitted no token', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const result = attempts(cold('#', undefined, rateLimited()), cold('a|')).pipe(retryStream({ restartAfterTokens: true, random: zero }));
      expectObservable(result).toBe('a|');
    });
  });

  it('in restart mode retries an idle timeout but not a bad request after tokens', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const idle = new StreamTimeoutError('No token for 2 ms after the last one', { phase: 'idle', waitedMs: 2, tokensReceived: 1 });
      const reset = { type: 'reset', attempt: 1, error: idle, discardedTokens: 1 };
      const restarted = attempts(cold('a-#', undefined, idle), cold('-b|')).pipe(retryStream({ restartAfterTokens: true, random: zero }));
      expectObservable(restarted).toBe('a-rb|', { a: 'a', b: 'b', r: reset });
      const bad = badRequest();
      const refused = cold('a-#', undefined, bad).pipe(retryStream({ restartAfterTokens: true, random: zero }));
      expectObservable(refused).toBe('a-#', undefined, bad);
    });
  });

  it('retries a source that fails synchronously, as soon as it is subscribed', () => {
    let subscribed = 0;
    const source = defer(() => (++subscribed < 3 ? throwError(() => unavailable()) : of('a', 'b')));
    testScheduler().run(({ expectObservable }) => {
      expectObservable(source.pipe(retryStream({ count: 3, baseDelayMs: 10, random: half }))).toBe('15ms (ab|)');
    });
    expect(subscribed).toBe(3);
  });

  it('fails the stream with what onRetry throws, and stops retrying', () => {
    const thrown = new Error('onRetry broke');
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-#', undefined, unavailable());
      const onRetry = (): void => {
        throw thrown;
      };
      expectObservable(source.pipe(retryStream({ random: zero, onRetry }))).toBe('-#', undefined, thrown);
      expectSubscriptions(source.subscriptions).toBe('^!');
    });
  });

  it('cancels the delay when unsubscribed during a backoff', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-#', undefined, unavailable());
      const result = source.pipe(retryStream({ baseDelayMs: 20, random: half }));
      expectObservable(result, '^ 5ms !').toBe('');
      expectSubscriptions(source.subscriptions).toBe('^!');
    });
  });

  it('stops the source when unsubscribed', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('a-b-c-|');
      expectObservable(source.pipe(retryStream({ random: zero })), '^--!').toBe('a-b');
      expectSubscriptions(source.subscriptions).toBe('^--!');
    });
  });
});
