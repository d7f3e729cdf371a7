import type { ChatEvent } from '@oci-genai-rx/core';
import { defer } from 'rxjs';
import type { Observable } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { hedgeStream } from '../src/hedgeStream.js';
import type { HedgeEvent } from '../src/hedgeStream.js';
import { connectionReset } from './support/errors.js';
import { testScheduler } from './support/marbles.js';

/** A stream whose n-th subscription is `list[n]`. */
function attempts<T>(...list: Observable<T>[]): Observable<T> {
  let n = 0;
  return defer(() => list[n++] as Observable<T>);
}

const ev = {
  s: { type: 'start', opcRequestId: 'first', model: 'm', format: 'GENERIC' },
  S: { type: 'start', opcRequestId: 'second', model: 'm', format: 'GENERIC' },
  a: { type: 'text', text: 'Hello' },
  b: { type: 'text', text: ' world' },
  x: { type: 'text', text: 'Other' },
  f: { type: 'finish', reason: 'stop', rawReason: 'stop' },
} satisfies Record<string, ChatEvent>;

const hedge = (winner: number, sent: number, firstTokenMs: number): HedgeEvent => ({ type: 'hedge', winner, attempts: sent, firstTokenMs });

describe('hedgeStream', () => {
  it('sends nothing more when the first token comes before afterMs', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const first = cold('s 5ms a 5ms b f|', ev);
      const second = cold('S a|', ev);
      const result = attempts(first, second).pipe(hedgeStream({ afterMs: 10 }));
      // The start is held until the first token: it is only shown if its attempt wins.
      expectObservable(result).toBe('6ms (sa) 2ms b f|', ev);
      expectSubscriptions(first.subscriptions).toBe('^ 13ms !');
      expectSubscriptions(second.subscriptions).toBe([]);
    });
  });

  it('sends a hedge after afterMs, keeps the faster attempt and unsubscribes the slower at its first token', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const first = cold('s 99ms a|', ev);
      const second = cold('S 4ms x 9ms b f|', ev);
      const result = attempts(first, second).pipe(hedgeStream({ afterMs: 10 }));
      // The hedge starts at 10, its first token comes at 15: the hedge event and its held start, then its text.
      expectObservable(result).toBe('15ms (hSx) 5ms b f|', { ...ev, h: hedge(1, 2, 15) });
      expectSubscriptions(first.subscriptions).toBe('^ 14ms !');
      expectSubscriptions(second.subscriptions).toBe('10ms ^ 16ms !');
    });
  });

  it('keeps the original when it answers first after a hedge was sent', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const first = cold('s 11ms a 9ms b|', ev);
      const second = cold('S 50ms x|', ev);
      const result = attempts(first, second).pipe(hedgeStream({ afterMs: 10 }));
      expectObservable(result).toBe('12ms (hsa) 5ms b|', { ...ev, h: hedge(0, 2, 12) });
      expectSubscriptions(second.subscriptions).toBe('10ms ^ 1ms !');
    });
  });

  it('sends up to maxHedges hedges, afterMs apart', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const slow = cold('s 99ms a|', ev);
      const third = cold('1ms (x|)', ev);
      const result = attempts(slow, slow, third).pipe(hedgeStream({ afterMs: 10, maxHedges: 2 }));
      expectObservable(result).toBe('21ms (hx|)', { ...ev, h: hedge(2, 3, 21) });
      expectSubscriptions(slow.subscriptions).toBe(['^ 20ms !', '10ms ^ 10ms !']);
      expectSubscriptions(third.subscriptions).toBe('20ms ^!');
    });
  });

  it('sends no hedge when the budget has no room', () => {
    let asked = 0;
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const first = cold('s 29ms (a|)', ev);
      const second = cold('S a|', ev);
      const budget = { waitMs: () => (asked++, 250) };
      const result = attempts(first, second).pipe(hedgeStream({ afterMs: 10, budget }));
      expectObservable(result).toBe('30ms (sa|)', ev);
      expectSubscriptions(second.subscriptions).toBe([]);
    });
    expect(asked).toBe(1);
  });

  it('drops a failed attempt while another runs, and fails with the first error once all have failed', () => {
    const reset = connectionReset(0);
    testScheduler().run(({ cold, expectObservable }) => {
      const first = cold('s 14ms #', ev, reset);
      const second = cold('S 9ms #', ev, new Error('second'));
      const result = attempts(first, second).pipe(hedgeStream({ afterMs: 10 }));
      expectObservable(result).toBe('20ms #', undefined, reset);
    });
  });

  it('fails at once when the only attempt fails before afterMs (retrying is retryStream\u2019s job)', () => {
    const reset = connectionReset(0);
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const first = cold('s 2ms #', ev, reset);
      const second = cold('S a|', ev);
      const result = attempts(first, second).pipe(hedgeStream({ afterMs: 10 }));
      expectObservable(result).toBe('3ms #', undefined, reset);
      expectSubscriptions(second.subscriptions).toBe([]);
    });
  });

  it('passes on the winner\u2019s error after its first token', () => {
    const reset = connectionReset(0);
    testScheduler().run(({ cold, expectObservable }) => {
      const result = cold('s a 3ms #', ev, reset).pipe(hedgeStream({ afterMs: 10 }));
      expectObservable(result).toBe('1ms (sa) #', ev, reset);
    });
  });

  it('lets an attempt that completes without any token win', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const result = attempts(cold('s 50ms a|', ev), cold('S 2ms f|', ev)).pipe(hedgeStream({ afterMs: 10 }));
      expectObservable(result).toBe('14ms (hSf|)', { ...ev, h: hedge(1, 2, 14) });
    });
  });

  it('stops every attempt and the hedge timer when unsubscribed mid-hedge', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const slow = cold('s 99ms a|', ev);
      const result = attempts(slow, slow).pipe(hedgeStream({ afterMs: 10, maxHedges: 1 }));
      expectObservable(result, '15ms !').toBe('', ev);
      expectSubscriptions(slow.subscriptions).toBe(['^ 14ms !', '10ms ^ 4ms !']);
    });
  });

  it('in adaptive mode sends no hedge until it has learned minSamples first-token times, then hedges above the quantile', () => {
    const operator = hedgeStream({ afterMs: 'p90', minSamples: 10 });
    // Ten answers whose first token takes 1..10 ms: p90 is 9 ms. The first ones are never hedged.
    for (let ms = 1; ms <= 10; ms++) {
      testScheduler().run(({ cold, expectObservable }) => {
        expectObservable(cold(`${ms}ms a|`, ev).pipe(operator)).toBe(`${ms}ms a|`, ev);
      });
    }
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const slow = cold('s 99ms a|', ev);
      const fast = cold('1ms (x|)', ev);
      const result = attempts(slow, fast).pipe(operator);
      expectObservable(result).toBe('10ms (hx|)', { ...ev, h: hedge(1, 2, 10) });
      expectSubscriptions(fast.subscriptions).toBe('9ms ^!');
    });
  });

  it('refuses options that cannot work, when called', () => {
    expect(() => hedgeStream({ afterMs: -1 })).toThrow(RangeError);
    expect(() => hedgeStream({ afterMs: Number.NaN })).toThrow(/afterMs/);
    expect(() => hedgeStream({ afterMs: 'p50' as 'p95' })).toThrow(TypeError);
    expect(() => hedgeStream({ afterMs: 10, maxHedges: 1.5 })).toThrow(/maxHedges/);
    expect(() => hedgeStream({ afterMs: 'p95', minSamples: 0 })).toThrow(/minSamples/);
  });
});
