import { isRetryable } from '@oci-genai-rx/core';
import { fc, test } from '@fast-check/vitest';
import { lastValueFrom, of, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { bufferSentences } from '../src/bufferSentences.js';
import { createRateLimiter } from '../src/createRateLimiter.js';
import { mergePrompts } from '../src/mergePrompts.js';
import { retryStream } from '../src/retryStream.js';
import { streamTimeout } from '../src/streamTimeout.js';

/**
 * Every operator checks its options when it is called, not when the stream runs: a value that
 * can never work is a RangeError (a number out of range, NaN and Infinity included) or a
 * TypeError (not a number, not a function) naming the operator, the option, the value and
 * what is allowed. Neither is ever retryable.
 */
const operators: Record<string, (options: unknown) => unknown> = {
  streamTimeout: (options) => streamTimeout(options as never),
  retryStream: (options) => retryStream(options as never),
  mergePrompts: (options) => mergePrompts(['a'], () => of('x'), options as never),
  createRateLimiter: (options) => createRateLimiter(options as never),
  bufferSentences: (options) => bufferSentences(options as never),
};

describe('operator options', () => {
  it.each<[string, unknown, ErrorConstructor, RegExp]>([
    ['streamTimeout', { idleMs: 'abc' }, TypeError, /streamTimeout: idleMs must be a finite number above 0 .*, got "abc"/],
    ['streamTimeout', { firstTokenMs: -1 }, RangeError, /streamTimeout: firstTokenMs must be .*, got -1/],
    ['streamTimeout', { firstTokenMs: Number.NaN }, RangeError, /firstTokenMs .* got NaN/],
    ['streamTimeout', { totalMs: Infinity }, RangeError, /totalMs must be a finite number above 0 and at most 2147483647, got Infinity/],
    ['streamTimeout', Number.NaN, RangeError, /streamTimeout: config must be .* got NaN/],
    ['streamTimeout', null, TypeError, /streamTimeout: config must be milliseconds or/],
    ['streamTimeout', { idleMs: 5, scheduler: {} }, TypeError, /scheduler must be an RxJS scheduler/],
    ['retryStream', { count: -1 }, RangeError, /retryStream: count must be a whole number of at least 0, or Infinity, got -1/],
    ['retryStream', { count: 1.5 }, RangeError, /count .* got 1\.5/],
    ['retryStream', { baseDelayMs: Number.NaN }, RangeError, /baseDelayMs .* got NaN/],
    ['retryStream', { maxDelayMs: Infinity }, RangeError, /maxDelayMs .* got Infinity/],
    ['retryStream', { maxRetryAfterMs: '60' }, TypeError, /maxRetryAfterMs .* got "60"/],
    ['retryStream', { shouldRetry: true }, TypeError, /shouldRetry must be a function, got true/],
    ['retryStream', { restartAfterTokens: 'yes' }, TypeError, /restartAfterTokens must be true or false, got "yes"/],
    ['retryStream', { rateLimiter: {} }, TypeError, /rateLimiter must be a createRateLimiter\(\) limiter/],
    ['mergePrompts', { concurrency: 0 }, RangeError, /concurrency must be a whole number of at least 1/],
    ['mergePrompts', { rateLimit: { intervalMs: Infinity } }, RangeError, /rateLimit\.intervalMs|intervalMs must be a finite number above 0 and at most 2147483647, got Infinity/],
    ['mergePrompts', { rateLimit: { requestsPerInterval: Number.NaN } }, RangeError, /requestsPerInterval .* got NaN/],
    ['mergePrompts', { rateLimit: 10 }, TypeError, /rateLimit must be budgets/],
    ['mergePrompts', { ordered: 1 }, TypeError, /ordered must be true or false, got 1/],
    ['mergePrompts', { key: 'id' }, TypeError, /key must be a function, got "id"/],
    ['createRateLimiter', { tokensPerInterval: 0 }, RangeError, /tokensPerInterval .* got 0/],
    ['createRateLimiter', 'fast', TypeError, /createRateLimiter: options must be/],
    ['bufferSentences', { maxWaitMs: 1e12 }, RangeError, /maxWaitMs .* at most 2147483647, got 1000000000000/],
    ['bufferSentences', { maxWaitMs: -1 }, RangeError, /maxWaitMs .* got -1/],
  ])('%s(%j) throws at the call', (operator, options, type, message) => {
    let thrown: unknown;
    try {
      operators[operator]!(options);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(type);
    expect((thrown as Error).message).toMatch(message);
    expect(isRetryable(thrown)).toBe(false);
  });

  it('still takes the number shorthands and Infinity where it means "no limit"', async () => {
    expect(await lastValueFrom(of('a').pipe(streamTimeout(1000), retryStream(0), toArray()))).toEqual(['a']);
    expect(() => retryStream({ count: Infinity })).not.toThrow();
    expect(() => createRateLimiter({ requestsPerInterval: Infinity, tokensPerInterval: Infinity })).not.toThrow();
    expect(() => bufferSentences({ maxWaitMs: Infinity })).not.toThrow();
  });

  /** An option value that is sometimes right and mostly not. */
  const value = fc.oneof(
    fc.anything(),
    fc.double(),
    fc.integer({ min: -5, max: 50 }),
    fc.constantFrom(Number.NaN, Infinity, -Infinity, 0, -1, 1e12, '10', null, true),
  );
  const optionsOf = (names: readonly string[]) => fc.record(Object.fromEntries(names.map((n) => [n, value])), { requiredKeys: [] });
  const cases = fc.oneof(
    fc.tuple(fc.constant('streamTimeout'), optionsOf(['firstTokenMs', 'idleMs', 'totalMs'])),
    fc.tuple(fc.constant('retryStream'), optionsOf(['count', 'baseDelayMs', 'maxDelayMs', 'maxRetryAfterMs'])),
    fc.tuple(fc.constant('mergePrompts'), optionsOf(['concurrency', 'ordered', 'failFast'])),
    fc.tuple(fc.constant('createRateLimiter'), optionsOf(['requestsPerInterval', 'tokensPerInterval', 'intervalMs'])),
    fc.tuple(fc.constant('bufferSentences'), optionsOf(['minLength', 'maxLength', 'maxWaitMs', 'maxQuoteLength'])),
  );

  test.prop([cases], { numRuns: 300 })(
    'arbitrary option values either throw a non-retryable RangeError or TypeError at the call, or give an operator that ends',
    async ([operator, options]) => {
      let made: unknown;
      try {
        made = operators[operator]!(options);
      } catch (error) {
        expect(error instanceof RangeError || error instanceof TypeError).toBe(true);
        expect(isRetryable(error)).toBe(false);
        expect((error as Error).message).toMatch(new RegExp(`^${operator}: `));
        return;
      }
      // Accepted options must give something that runs to an end on a short source (no hang).
      if (operator === 'mergePrompts') await lastValueFrom((made as ReturnType<typeof mergePrompts>).pipe(toArray()));
      else if (operator === 'streamTimeout' || operator === 'retryStream' || operator === 'bufferSentences') {
        await lastValueFrom(of('Hi. ', 'There.').pipe(made as never, toArray()));
      } else {
        const limiter = made as ReturnType<typeof createRateLimiter>;
        expect(limiter.waitMs()).toBe(0);
      }
    },
  );
});
