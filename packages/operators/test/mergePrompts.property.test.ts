import { fc, it } from '@fast-check/vitest';
import { concat, defer, ignoreElements, map, tap, throwError, timer } from 'rxjs';
import type { Observable } from 'rxjs';
import { describe, expect } from 'vitest';
import type { PromptEvent } from '../src/PromptEvent.js';
import { mergePrompts } from '../src/mergePrompts.js';
import type { MergePromptsOptions } from '../src/MergePromptsOptions.js';
import { rateLimited, unavailable } from './support/errors.js';
import { testScheduler } from './support/marbles.js';

type Outcome = 'complete' | 'fail' | '429';
interface Job {
  /** Delays in ms before each event (0 allowed: several events in one frame). */
  readonly gaps: readonly number[];
  readonly outcome: Outcome;
}
const jobArb: fc.Arbitrary<Job> = fc.record({
  gaps: fc.array(fc.integer({ min: 0, max: 8 }), { maxLength: 4 }),
  outcome: fc.constantFrom<Outcome>('complete', 'complete', 'fail', '429'),
});
const jobsArb = fc.array(jobArb, { maxLength: 12 });

/** Job `index`'s stream: its events `${index}.${n}` after their gaps, then its outcome one frame later. */
function jobStream(job: Job, index: number): Observable<string> {
  const events = job.gaps.map((gap, n) => timer(gap).pipe(map(() => `${index}.${n}`)));
  const failure = job.outcome === 'complete' ? [] : [throwError(() => (job.outcome === '429' ? rateLimited() : unavailable()))];
  return concat(...events, timer(1).pipe(ignoreElements()), ...failure);
}

/** Runs `jobs` through mergePrompts in virtual time, counting the streams running at each start. */
function run(jobs: readonly Job[], options: MergePromptsOptions<Job>, onStart: (running: number) => void = () => undefined) {
  const items: PromptEvent<Job, string>[] = [];
  let running = 0;
  let peak = 0;
  let completed = false;
  testScheduler().run(() => {
    const factory = (job: Job, index: number) =>
      defer(() => {
        onStart(running);
        running += 1;
        peak = Math.max(peak, running);
        return jobStream(job, index);
      }).pipe(
        // Counted down before mergePrompts hears of the end, so that the count is exact when it starts the next.
        tap({ complete: () => (running -= 1), error: () => (running -= 1), unsubscribe: () => (running -= 1) }),
      );
    mergePrompts(jobs, factory, options).subscribe({ next: (item) => items.push(item), complete: () => (completed = true) });
  });
  return { items, peak, completed };
}

describe('mergePrompts properties', () => {
  it.prop([jobsArb, fc.integer({ min: 1, max: 5 }), fc.boolean()])('never runs more prompts than the concurrency, and ends every prompt once', (jobs, concurrency, ordered) => {
    const { items, peak, completed } = run(jobs, { concurrency, ordered });
    expect(completed).toBe(true);
    expect(peak).toBeLessThanOrEqual(concurrency);
    const ends = items.filter((item) => item.type !== 'event').map((item) => item.index);
    expect([...ends].sort((a, b) => a - b)).toEqual(jobs.map((_, i) => i));
  });

  it.prop([jobsArb, fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 0, max: 4 })])(
    'never starts a prompt above the adaptive limit of that moment, nor above max',
    (jobs, concurrency, min, extra) => {
      const max = min + extra;
      let limit = Math.min(max, Math.max(min, concurrency));
      const limits: number[] = [];
      const onLimitChange = (next: number) => {
        limits.push(next);
        limit = next;
      };
      const { completed } = run(jobs, { concurrency, adaptive: { min, max, onLimitChange } }, (running) => {
        expect(running + 1).toBeLessThanOrEqual(limit);
        expect(running + 1).toBeLessThanOrEqual(max);
      });
      expect(completed).toBe(true);
      for (const value of limits) expect(value).toBeGreaterThanOrEqual(min);
      expect(limits.every((value) => value <= max)).toBe(true);
    },
  );

  it.prop([jobsArb, fc.integer({ min: 1, max: 5 })])('in ordered mode emits prompts in index order, each with its own events in order', (jobs, concurrency) => {
    const { items } = run(jobs, { concurrency, ordered: true });
    const expected = jobs.flatMap((job, index) => [
      ...job.gaps.map((_, n) => `event ${index} ${index}.${n}`),
      `${job.outcome === 'complete' ? 'complete' : 'error'} ${index}`,
    ]);
    expect(items.map((item) => (item.type === 'event' ? `event ${item.index} ${item.event}` : `${item.type} ${item.index}`))).toEqual(expected);
  });
});
