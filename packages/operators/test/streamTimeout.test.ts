import type { ChatEvent } from '@oci-genai-rx/core';
import fc from 'fast-check';
import { catchError, ignoreElements, map, merge, of, timer } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { StreamTimeoutError } from '../src/StreamTimeoutError.js';
import { streamTimeout } from '../src/streamTimeout.js';
import { testScheduler } from './support/marbles.js';

/** The fields a timeout error is judged by, so that a marble shows them at the frame it fired. */
const fields = (error: unknown) => {
  if (!(error instanceof StreamTimeoutError)) return { unexpected: error };
  const { name, code, phase, waitedMs, tokensReceived, retryable, opcRequestId } = error;
  return { name, code, phase, waitedMs, tokensReceived, retryable, opcRequestId };
};
const asFields = catchError((error: unknown) => of(fields(error)));
/** Matches the fields of a timeout error that a test cares about. */
const timeoutLike = (partial: Partial<ReturnType<typeof fields>>): unknown => expect.objectContaining(partial) as unknown;

const events: Record<string, ChatEvent> = {
  s: { type: 'start', opcRequestId: 'req-1', model: 'm', format: 'GENERIC' },
  a: { type: 'text', text: 'Hel' },
  b: { type: 'text', text: 'lo' },
  r: { type: 'reasoning', text: 'hmm' },
  u: { type: 'usage', usage: { totalTokens: 9 } },
  f: { type: 'finish', reason: 'stop', rawReason: 'stop' },
};

describe('streamTimeout', () => {
  it('fails with a first-token timeout at firstTokenMs and unsubscribes the source', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('20ms a|');
      const expected = { name: 'StreamTimeoutError', code: 'TIMEOUT', phase: 'first-token', waitedMs: 10, tokensReceived: 0, retryable: true, opcRequestId: undefined };
      expectObservable(source.pipe(streamTimeout({ firstTokenMs: 10 }), asFields)).toBe('10ms (x|)', { x: expected });
      expectSubscriptions(source.subscriptions).toBe('^ 9ms !');
    });
  });

  it('does not count metadata events as the first token and quotes the opc-request-id', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const source = cold('-s 18ms a|', events);
      const result = source.pipe(streamTimeout({ firstTokenMs: 10 }), asFields);
      expectObservable(result).toBe('-s 8ms (x|)', { s: events.s, x: timeoutLike({ phase: 'first-token', opcRequestId: 'req-1' }) });
    });
  });

  it('fails with an idle timeout idleMs after the last token', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('a 4ms b 20ms |', events);
      const expected = { name: 'StreamTimeoutError', code: 'TIMEOUT', phase: 'idle', waitedMs: 10, tokensReceived: 2, retryable: false, opcRequestId: undefined };
      expectObservable(source.pipe(streamTimeout({ idleMs: 10 }), asFields)).toBe('a 4ms b 9ms (x|)', { ...events, x: expected });
      expectSubscriptions(source.subscriptions).toBe('^ 14ms !');
    });
  });

  it('counts reasoning events as tokens that reset the idle timeout', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const source = cold('a 7ms r 7ms b|', events);
      expectObservable(source.pipe(streamTimeout({ idleMs: 10 }))).toBe('a 7ms r 7ms b|', events);
    });
  });

  it('does not let metadata events reset the idle timeout', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const source = cold('a 4ms u 20ms b|', events);
      const result = source.pipe(streamTimeout({ idleMs: 10 }), asFields);
      expectObservable(result).toBe('a 4ms u 4ms (x|)', { ...events, x: timeoutLike({ phase: 'idle', tokensReceived: 1 }) });
    });
  });

  it('does not start the idle timeout before the first token', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const source = cold('30ms a|', events);
      expectObservable(source.pipe(streamTimeout({ idleMs: 10 }))).toBe('30ms a|', events);
    });
  });

  it('stops the idle timeout at the finish event while usage is still on its way', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const source = cold('a f 30ms u|', events);
      expectObservable(source.pipe(streamTimeout({ idleMs: 10 }))).toBe('a f 30ms u|', events);
    });
  });

  it('fails with a total timeout at totalMs even while tokens keep coming', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('a--b--a--b--a|', events);
      const expected = { name: 'StreamTimeoutError', code: 'TIMEOUT', phase: 'total', waitedMs: 10, tokensReceived: 4, retryable: false, opcRequestId: undefined };
      expectObservable(source.pipe(streamTimeout({ totalMs: 10, idleMs: 5 }), asFields)).toBe('a--b--a--b(x|)', { ...events, x: expected });
      expectSubscriptions(source.subscriptions).toBe('^ 9ms !');
    });
  });

  it('marks a total timeout before any token as retryable', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const source = cold('s 20ms a|', events);
      const result = source.pipe(streamTimeout({ totalMs: 10 }), asFields);
      expectObservable(result).toBe('s 9ms (x|)', { s: events.s, x: timeoutLike({ phase: 'total', tokensReceived: 0, retryable: true }) });
    });
  });

  it('reads a number as totalMs', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const source = cold('a 20ms b|', events);
      const result = source.pipe(streamTimeout(10), asFields);
      expectObservable(result).toBe('a 9ms (x|)', { a: events.a, x: timeoutLike({ phase: 'total', waitedMs: 10 }) });
    });
  });

  it('raises nothing for a stream that completes within every deadline', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('s-a-b-f-u|', events);
      const result = source.pipe(streamTimeout({ firstTokenMs: 3, idleMs: 3, totalMs: 10 }));
      expectObservable(result).toBe('s-a-b-f-u|', events);
      expectSubscriptions(source.subscriptions).toBe('^ 8ms !');
    });
  });

  it('passes the source error through unchanged', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const boom = new Error('boom');
      const source = cold('a-#', events, boom);
      expectObservable(source.pipe(streamTimeout({ firstTokenMs: 5, idleMs: 5, totalMs: 5 }))).toBe('a-#', events, boom);
    });
  });

  it('works on a stream of strings, where every string is a token', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const source = cold('-x 3ms y 20ms |');
      const result = source.pipe(streamTimeout({ firstTokenMs: 2, idleMs: 5 }), asFields);
      // x arms the checks (every 5 / 8 ms from frame 1); y at frame 5 is seen by the check at
      // 5.375, so the stall is reported 5.375 ms after it: late by at most 5 / 8 ms.
      expectObservable(result).toBe('-x 3ms y 4.375ms (e|)', { x: 'x', y: 'y', e: timeoutLike({ phase: 'idle', waitedMs: 5, tokensReceived: 2 }) });
    });
  });

  it('reports a stall never before idleMs after the last token and at most idleMs / 8 after that', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 15 }), { minLength: 1, maxLength: 12 }), fc.integer({ min: 1, max: 40 }), (gaps, idleMs) => {
        const times = gaps.reduce<number[]>((at, gap) => [...at, (at.at(-1) ?? 0) + gap], []);
        fc.pre(gaps.slice(1).every((gap) => gap < idleMs));
        const last = times.at(-1) ?? 0;
        let failedAt = -1;
        let received = -1;
        const scheduler = testScheduler();
        scheduler.run(() => {
          const tokens = times.map((at) => timer(at).pipe(map(() => 'a')));
          merge(...tokens, timer(last + idleMs * 3).pipe(ignoreElements()))
            .pipe(streamTimeout({ idleMs }))
            .subscribe({ error: (error: StreamTimeoutError) => ((failedAt = scheduler.now()), (received = error.tokensReceived)) });
        });
        expect(received).toBe(times.length);
        expect(failedAt).toBeGreaterThanOrEqual(last + idleMs);
        expect(failedAt).toBeLessThanOrEqual(last + idleMs + idleMs / 8);
      }),
    );
  });

  it('stops the source when unsubscribed', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('a-b-a-b-|', events);
      expectObservable(source.pipe(streamTimeout({ firstTokenMs: 1, idleMs: 3, totalMs: 100 })), '^ 4ms !').toBe('a-b-a', events);
      expectSubscriptions(source.subscriptions).toBe('^ 4ms !');
    });
  });
});
