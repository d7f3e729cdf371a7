import type { UsageEvent } from '@oci-genai-rx/core';
import { lastValueFrom, of, toArray } from 'rxjs';
import type { Observable } from 'rxjs';
import { describe, expect, it } from 'vitest';
import type { PromptEvent } from '../src/PromptEvent.js';
import { mergePrompts } from '../src/mergePrompts.js';
import { rateLimited, unavailable } from './support/errors.js';
import { testScheduler } from './support/marbles.js';

const names = 'abcdefgh';
/** The items of prompt `index`, whose prompt is the index-th letter. */
const event = <E>(index: number, value: E): PromptEvent<string, E> => ({ type: 'event', index, key: index, prompt: names[index] ?? '', event: value });
const complete = (index: number): PromptEvent<string, never> => ({ type: 'complete', index, key: index, prompt: names[index] ?? '' });
const failed = (index: number, error: unknown): PromptEvent<string, never> => ({ type: 'error', index, key: index, prompt: names[index] ?? '', error });
const usage = (totalTokens: number): UsageEvent => ({ type: 'usage', usage: { totalTokens } });

describe('mergePrompts', () => {
  it('runs at most concurrency prompts at once and starts the next when one ends', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const streams = { a: cold('--x|'), b: cold('------y|'), c: cold('-z|') };
      const result = mergePrompts(['a', 'b', 'c'] as const, (p) => streams[p], { concurrency: 2 });
      const values = { x: event(0, 'x'), A: complete(0), z: event(2, 'z'), C: complete(2), y: event(1, 'y'), B: complete(1) };
      expectObservable(result).toBe('--xAzCy(B|)', values);
      expectSubscriptions(streams.a.subscriptions).toBe('^--!');
      expectSubscriptions(streams.b.subscriptions).toBe('^------!');
      expectSubscriptions(streams.c.subscriptions).toBe('---^-!');
    });
  });

  it('in ordered mode emits each prompt after the ones before it, buffering the later ones meanwhile', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const streams = { a: cold('--x|'), b: cold('------y|'), c: cold('-z|') };
      const result = mergePrompts(['a', 'b', 'c'] as const, (p) => streams[p], { concurrency: 2, ordered: true });
      const values = { x: event(0, 'x'), A: complete(0), z: event(2, 'z'), C: complete(2), y: event(1, 'y'), B: complete(1) };
      expectObservable(result).toBe('--xA--y(BzC|)', values);
      expectSubscriptions(streams.c.subscriptions).toBe('---^-!');
    });
  });

  it("turns one prompt's failure into its error item while the others go on", () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const error = unavailable();
      const streams = { a: cold('----x|'), b: cold('-#', undefined, error), c: cold('-z|') };
      const result = mergePrompts(['a', 'b', 'c'] as const, (p) => streams[p], { concurrency: 2 });
      const values = { E: failed(1, error), z: event(2, 'z'), C: complete(2), x: event(0, 'x'), A: complete(0) };
      expectObservable(result).toBe('-EzCx(A|)', values);
      expectSubscriptions(streams.a.subscriptions).toBe('^----!');
    });
  });

  it('with failFast errors on the first failure and cancels the other prompts', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const error = unavailable();
      const streams = { a: cold('----x|'), b: cold('-#', undefined, error), c: cold('-z|') };
      const result = mergePrompts(['a', 'b', 'c'] as const, (p) => streams[p], { concurrency: 2, failFast: true });
      expectObservable(result).toBe('-#', undefined, error);
      expectSubscriptions(streams.a.subscriptions).toBe('^!');
      expectSubscriptions(streams.c.subscriptions).toBe([]);
    });
  });

  it('tags items with the key the key option gives', async () => {
    const items = await lastValueFrom(mergePrompts(['hi'], (p) => of(p.toUpperCase()), { key: (p, i) => `${p}#${i}` }).pipe(toArray()));
    expect(items).toEqual([
      { type: 'event', index: 0, key: 'hi#0', prompt: 'hi', event: 'HI' },
      { type: 'complete', index: 0, key: 'hi#0', prompt: 'hi' },
    ]);
  });

  it('makes a throwing stream factory that prompt’s error item', async () => {
    const boom = new Error('no stream for b');
    const factory = (p: string): Observable<string> => {
      if (p === 'b') throw boom;
      return of(p);
    };
    const items = await lastValueFrom(mergePrompts(['a', 'b'], factory).pipe(toArray()));
    expect(items).toEqual([event(0, 'a'), complete(0), failed(1, boom)]);
  });

  it('errors with what a throwing key or estimateTokens callback threw, instead of crashing the process', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const boom = new Error('bad callback');
      const throws = () => {
        throw boom;
      };
      expectObservable(mergePrompts(['a'], () => cold('-x|'), { key: throws })).toBe('#', undefined, boom);
      const rateLimit = { tokensPerInterval: 10, estimateTokens: throws };
      expectObservable(mergePrompts(['a'], () => cold('-x|'), { rateLimit })).toBe('-x#', { x: event(0, 'x') }, boom);
    });
  });

  it('completes at once for no prompts', () => {
    testScheduler().run(({ expectObservable }) => {
      expectObservable(mergePrompts([], () => of('x'))).toBe('|');
    });
  });

  it('starts no more than requestsPerInterval prompts in any window', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const stream = cold('-x|');
      const result = mergePrompts([0, 1, 2, 3, 4], () => stream, { concurrency: 10, rateLimit: { requestsPerInterval: 2, intervalMs: 10 } });
      expectObservable(result.pipe(toArray())).toBe('22ms (a|)', { a: expect.any(Array) as unknown });
      expectSubscriptions(stream.subscriptions).toBe(['^-!', '^-!', '10ms ^-!', '10ms ^-!', '20ms ^-!']);
    });
  });

  it('holds prompts back while the tokens reported by usage events fill the window', () => {
    testScheduler().run(({ cold, expectSubscriptions }) => {
      const stream = cold('-u|', { u: usage(60) });
      mergePrompts([0, 1, 2], () => stream, { concurrency: 1, rateLimit: { tokensPerInterval: 100, intervalMs: 50 } }).subscribe();
      // 60 tokens at 1 and at 3: the third prompt waits until the first 60 leave the window at 51.
      expectSubscriptions(stream.subscriptions).toBe(['^-!', '--^-!', '51ms ^-!']);
    });
  });

  it('counts estimateTokens for a prompt that ends without usage', () => {
    testScheduler().run(({ cold, expectSubscriptions }) => {
      const stream = cold('-x|');
      const rateLimit = { tokensPerInterval: 100, intervalMs: 20, estimateTokens: () => 100 };
      mergePrompts([0, 1, 2], () => stream, { concurrency: 1, rateLimit }).subscribe();
      expectSubscriptions(stream.subscriptions).toBe(['^-!', '22ms ^-!', '44ms ^-!']);
    });
  });

  it('estimates a prompt without usage as the characters of prompt and answer over 4', () => {
    testScheduler().run(({ cold, expectSubscriptions }) => {
      // 'abcd' + 'wxyz' = 8 characters = 2 tokens.
      const text = cold('-t|', { t: { type: 'text', text: 'wxyz' } });
      mergePrompts(['abcd', 'abcd'], () => text, { concurrency: 1, rateLimit: { tokensPerInterval: 2, intervalMs: 10 } }).subscribe();
      expectSubscriptions(text.subscriptions).toBe(['^-!', '12ms ^-!']);
      const roomy = cold('-t|', { t: { type: 'text', text: 'wxyz' } });
      mergePrompts(['abcd', 'abcd'], () => roomy, { concurrency: 1, rateLimit: { tokensPerInterval: 3, intervalMs: 10 } }).subscribe();
      expectSubscriptions(roomy.subscriptions).toBe(['^-!', '--^-!']);
    });
  });

  it('halves an adaptive limit on a 429, grows it by one per success, and cancels nothing running', () => {
    const scheduler = testScheduler();
    const changes: [number, number][] = [];
    scheduler.run(({ cold, expectSubscriptions }) => {
      const streams = [cold('-#', undefined, rateLimited()), cold('---|'), cold('-----|'), cold('-------|'), cold('-|'), cold('-|')];
      const onLimitChange = (limit: number) => changes.push([scheduler.now(), limit]);
      mergePrompts([0, 1, 2, 3, 4, 5], (i) => streams[i] ?? of(), { concurrency: 4, adaptive: { onLimitChange } }).subscribe();
      // At 1 the limit drops to 2 with three running: prompt 4 waits until the limit and the
      // running count meet again at 3.
      const expected = ['^!', '^--!', '^----!', '^------!', '---^!', '----^!'];
      streams.forEach((stream, i) => expectSubscriptions(stream.subscriptions).toBe(expected[i] ?? []));
    });
    expect(changes).toEqual([
      [1, 2],
      [3, 3],
      [4, 4],
    ]);
  });

  it('with adaptive: true starts at concurrency, halves on a 429 and never grows above it', () => {
    const changes: number[] = [];
    testScheduler().run(({ cold, expectSubscriptions }) => {
      const streams = [cold('-#', undefined, rateLimited()), cold('--|'), cold('---|'), cold('----|'), cold('-|')];
      mergePrompts([0, 1, 2, 3, 4], (i) => streams[i] ?? of(), { concurrency: 4, adaptive: true }).subscribe();
      // Without adaptive, prompt 4 would start at 1; with the limit halved to 2 it waits for 2 ends.
      expectSubscriptions(streams[4]?.subscriptions ?? []).toBe('--^!');
      const again = [cold('-#', undefined, rateLimited()), cold('-|'), cold('-|'), cold('-|'), cold('-|')];
      mergePrompts([0, 1, 2, 3, 4], (i) => again[i] ?? of(), { concurrency: 4, adaptive: { onLimitChange: (limit) => changes.push(limit) } }).subscribe();
    });
    expect(changes).toEqual([2, 3, 4]);
  });

  it('halves an adaptive limit when a prompt reports a 429 that its own retry absorbed', () => {
    const changes: [number, number][] = [];
    const scheduler = testScheduler();
    scheduler.run(({ cold, expectSubscriptions }) => {
      const streams = [cold('---|'), cold('----|'), cold('-----|'), cold('------|'), cold('-|')];
      mergePrompts(
        [0, 1, 2, 3, 4],
        (i, _index, control) => {
          // Prompt 0 meets a 429 at 1 ms that a retry inside the stream hides from mergePrompts.
          if (i === 0) scheduler.schedule(() => control.rateLimited(rateLimited()), 1);
          return streams[i] ?? of();
        },
        { concurrency: 4, adaptive: { onLimitChange: (limit) => changes.push([scheduler.now(), limit]) } },
      ).subscribe();
      // Without the report prompt 4 would start when prompt 0 ends at 3. With the limit at 2, the
      // end of prompt 0 only grows it back to 3 (three still run); prompt 1's end at 4 lets it in.
      expectSubscriptions(streams[4]?.subscriptions ?? []).toBe('----^!');
    });
    expect(changes[0]).toEqual([1, 2]);
  });

  it('ignores a reported 429 without adaptive', () => {
    testScheduler().run(({ cold, expectSubscriptions }) => {
      const streams = [cold('---|'), cold('-|')];
      mergePrompts([0, 1], (i, _index, control) => {
        control.rateLimited(rateLimited());
        return streams[i] ?? of();
      }, { concurrency: 2 }).subscribe();
      expectSubscriptions(streams[1]?.subscriptions ?? []).toBe('^!');
    });
  });

  it('never lowers an adaptive limit below min, and sees status 429 on any error', () => {
    const changes: number[] = [];
    testScheduler().run(({ cold }) => {
      const tooMany = cold('-#', undefined, { status: 429 });
      mergePrompts([0], () => tooMany, { concurrency: 4, adaptive: { min: 3, onLimitChange: (limit) => changes.push(limit) } }).subscribe();
    });
    expect(changes).toEqual([3]);
  });

  it('reads prompts from an Observable as they arrive and completes after the last one ends', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const prompts = cold('a--b---|');
      const streams: Record<string, Observable<string>> = { a: cold('-x|'), b: cold('-y|') };
      const result = mergePrompts(prompts, (p) => streams[p] ?? of());
      const values = { x: event(0, 'x'), A: complete(0), y: { ...event(1, 'y') }, B: complete(1) };
      expectObservable(result).toBe('-xA-yB-|', values);
    });
  });

  it('errors and cancels the running prompts when the prompts Observable errors', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const error = new Error('prompt file unreadable');
      const stream = cold('-----x|');
      expectObservable(mergePrompts(cold('a-#', undefined, error), () => stream)).toBe('--#', undefined, error);
      expectSubscriptions(stream.subscriptions).toBe('^-!');
    });
  });

  it('reads an iterable lazily, one prompt per start, and closes it when unsubscribed', () => {
    let pulled = 0;
    let closed = false;
    function* prompts() {
      try {
        for (let i = 0; i < 1_000_000; i++) {
          pulled += 1;
          yield i;
        }
      } finally {
        closed = true;
      }
    }
    testScheduler().run(({ cold }) => {
      const subscription = mergePrompts(prompts(), () => cold('-'), { concurrency: 2 }).subscribe();
      expect(pulled).toBe(2);
      subscription.unsubscribe();
      expect(closed).toBe(true);
    });
  });

  it('refuses a concurrency below 1 or a rate limit of 0 with a RangeError that names the option', () => {
    expect(() => mergePrompts([1], () => of(1), { concurrency: 0 })).toThrow(/concurrency must be a whole number of at least 1, got 0/);
    expect(() => mergePrompts([1], () => of(1), { rateLimit: { requestsPerInterval: 0 } })).toThrow(RangeError);
  });

  it('cancels every running prompt and starts no more when unsubscribed', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const streams = [cold('-----x|'), cold('----y|'), cold('-z|')];
      const result = mergePrompts([0, 1, 2], (i) => streams[i] ?? of(), { concurrency: 2 });
      expectObservable(result, '^--!').toBe('');
      const expected = ['^--!', '^--!', []];
      streams.forEach((stream, i) => expectSubscriptions(stream.subscriptions).toBe(expected[i] ?? []));
    });
  });

  it('stops the source when unsubscribed', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const prompts = cold('a---b|');
      const stream = cold('-x--|');
      expectObservable(mergePrompts(prompts, () => stream), '^-!').toBe('-x', { x: event(0, 'x') });
      expectSubscriptions(prompts.subscriptions).toBe('^-!');
      expectSubscriptions(stream.subscriptions).toBe('^-!');
    });
  });
});
