import { fc, it } from '@fast-check/vitest';
import { EMPTY, concat, defer, from, of, throwError } from 'rxjs';
import type { Observable } from 'rxjs';
import { describe, expect } from 'vitest';
import { retryStream } from '../src/retryStream.js';
import { badRequest, unavailable } from './support/errors.js';
import { testScheduler } from './support/marbles.js';

type End = 'complete' | 'retryable' | 'fatal';
interface Attempt {
  readonly meta: boolean;
  readonly tokens: readonly string[];
  readonly end: End;
}

const attemptArb: fc.Arbitrary<Attempt> = fc.record({
  meta: fc.boolean(),
  tokens: fc.array(fc.string({ minLength: 1, maxLength: 3 }), { maxLength: 4 }),
  end: fc.constantFrom<End>('complete', 'retryable', 'retryable', 'fatal'),
});
interface Scenario {
  readonly attempts: readonly Attempt[];
  readonly count: number;
  readonly draws: readonly number[];
}
const scenarioArb: fc.Arbitrary<Scenario> = fc.record({
  attempts: fc.array(attemptArb, { minLength: 1, maxLength: 6 }),
  count: fc.integer({ min: 0, max: 5 }),
  draws: fc.array(fc.double({ min: 0, max: 0.999, noNaN: true }), { minLength: 1, maxLength: 6 }),
});

const start = { type: 'start', opcRequestId: 'r', model: 'm', format: 'GENERIC' } as const;

function attemptStream(attempt: Attempt): Observable<string | typeof start> {
  const ending = attempt.end === 'complete' ? EMPTY : throwError(() => (attempt.end === 'retryable' ? unavailable() : badRequest()));
  return concat(attempt.meta ? of(start) : EMPTY, from(attempt.tokens), ending);
}

/** Runs the scenario in virtual time: what came out, and which attempts were subscribed. */
function run(scenario: Scenario, restartAfterTokens: boolean) {
  let subscribed = 0;
  let draw = 0;
  const random = () => scenario.draws[draw++ % scenario.draws.length] ?? 0;
  const source = defer(() => attemptStream(scenario.attempts[Math.min(subscribed++, scenario.attempts.length - 1)] as Attempt));
  const values: unknown[] = [];
  let outcome: 'complete' | 'error' | 'running' = 'running';
  testScheduler().run(() => {
    source.pipe(retryStream({ count: scenario.count, random, restartAfterTokens })).subscribe({
      next: (value) => values.push(value),
      error: () => (outcome = 'error'),
      complete: () => (outcome = 'complete'),
    });
  });
  const last = scenario.attempts[Math.min(subscribed - 1, scenario.attempts.length - 1)] as Attempt;
  return { values, outcome, subscribed, last };
}

const textOf = (values: unknown[]) => values.filter((v): v is string => typeof v === 'string').join('');

describe('retryStream properties', () => {
  it.prop([scenarioArb])('never retries more than count times', (scenario) => {
    for (const restart of [false, true]) {
      expect(run(scenario, restart).subscribed).toBeLessThanOrEqual(scenario.count + 1);
    }
  });

  it.prop([scenarioArb])('never duplicates text: the output is exactly the text of the attempt that ended the stream', (scenario) => {
    const { values, outcome, last } = run(scenario, false);
    expect(outcome).toBe(last.end === 'complete' ? 'complete' : 'error');
    expect(textOf(values)).toBe(last.tokens.join(''));
  });

  it.prop([scenarioArb])('in restart mode the text after the last reset is exactly the last attempt’s text', (scenario) => {
    const { values, outcome, last } = run(scenario, true);
    expect(outcome).toBe(last.end === 'complete' ? 'complete' : 'error');
    const lastReset = values.findLastIndex((v) => typeof v === 'object' && v !== null && (v as { type: string }).type === 'reset');
    expect(textOf(values.slice(lastReset + 1))).toBe(last.tokens.join(''));
  });

  it.prop([scenarioArb])('in restart mode each reset discards exactly the tokens emitted since the previous reset', (scenario) => {
    const { values } = run(scenario, true);
    let since = 0;
    for (const value of values) {
      if (typeof value === 'string') since += 1;
      else if ((value as { type: string }).type === 'reset') {
        expect((value as { discardedTokens: number }).discardedTokens).toBe(since);
        since = 0;
      }
    }
  });
});
