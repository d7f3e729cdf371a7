import type { ChatEvent } from '@oci-genai-rx/core';
import { IncompleteStreamError } from '@oci-genai-rx/core';
import { describe, expect, it } from 'vitest';
import type { PromptEvent } from '../src/PromptEvent.js';
import { promptResults } from '../src/promptResults.js';
import { unavailable } from './support/errors.js';
import { testScheduler } from './support/marbles.js';

const tag = (index: number) => ({ index, key: `k${index}`, prompt: `p${index}` });
const item = (index: number, event: ChatEvent | string): PromptEvent<string, ChatEvent | string> => ({ type: 'event', ...tag(index), event });
const done = (index: number): PromptEvent<string, never> => ({ type: 'complete', ...tag(index) });

const values = {
  s: item(0, { type: 'start', opcRequestId: 'r', model: 'm', format: 'GENERIC' }),
  r: item(0, { type: 'reasoning', text: 'thinking…' }),
  a: item(0, { type: 'text', text: 'Hel' }),
  b: item(0, { type: 'text', text: 'lo' }),
  f: item(0, { type: 'finish', reason: 'stop', rawReason: 'COMPLETE' }),
  u: item(0, { type: 'usage', usage: { promptTokens: 3, completionTokens: 2, totalTokens: 5 } }),
  A: done(0),
  x: item(1, 'By'),
  y: item(1, 'e'),
  B: done(1),
};

describe('promptResults', () => {
  it("emits each prompt's text, finish reason, usage and request id as soon as that prompt completes", () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const source = cold('sx-ra-yb-fu-A-B|', values);
      const first = { ...tag(0), text: 'Hello', finishReason: 'stop', opcRequestId: 'r', usage: { promptTokens: 3, completionTokens: 2, totalTokens: 5 } };
      const second = { ...tag(1), text: 'Bye' };
      expectObservable(source.pipe(promptResults())).toBe('------------1-2|', { 1: first, 2: second });
    });
  });

  it('emits a failed prompt with its error and the text that arrived before it', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const error = unavailable();
      const failure: PromptEvent<string, string> = { type: 'error', ...tag(1), error };
      const source = cold('x-e|', { x: values.x, e: failure });
      expectObservable(source.pipe(promptResults())).toBe('--r|', { r: { ...tag(1), text: 'By', error } });
    });
  });

  it('emits a prompt that never ended, when the source completes, with an IncompleteStreamError', () => {
    const results: unknown[] = [];
    testScheduler().run(({ cold }) => {
      cold('ab|', values).pipe(promptResults()).subscribe((result) => results.push(result));
    });
    expect(results).toEqual([{ ...tag(0), text: 'Hello', error: expect.any(IncompleteStreamError) as unknown }]);
    expect((results[0] as { error: IncompleteStreamError }).error.tokensReceived).toBe(2);
  });

  it('passes the source error through', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const error = new Error('boom');
      expectObservable(cold('a#', values, error).pipe(promptResults())).toBe('-#', undefined, error);
    });
  });

  it('stops the source when unsubscribed', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('a-b-A|', values);
      expectObservable(source.pipe(promptResults()), '^-!').toBe('');
      expectSubscriptions(source.subscriptions).toBe('^-!');
    });
  });
});
