import type { ChatEvent } from '@oci-genai-rx/core';
import { lastValueFrom, of, throwError } from 'rxjs';
import { describe, expect, it } from 'vitest';
import type { PromptEvent } from '../src/PromptEvent.js';
import { collectPromptResults } from '../src/collectPromptResults.js';
import { mergePrompts } from '../src/mergePrompts.js';
import { badRequest } from './support/errors.js';
import { testScheduler } from './support/marbles.js';

const tag = (index: number) => ({ index, key: index, prompt: `p${index}` });

describe('collectPromptResults', () => {
  it('emits one array of results ordered by index when the source completes', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const values: Record<string, PromptEvent<string, ChatEvent | string>> = {
        x: { type: 'event', ...tag(1), event: 'late' },
        X: { type: 'complete', ...tag(1) },
        a: { type: 'event', ...tag(0), event: { type: 'text', text: 'early' } },
        A: { type: 'complete', ...tag(0) },
      };
      const source = cold('xXaA|', values);
      expectObservable(source.pipe(collectPromptResults())).toBe('----(r|)', { r: [{ ...tag(0), text: 'early' }, { ...tag(1), text: 'late' }] });
    });
  });

  it('collects the results of mergePrompts, failed prompts included', async () => {
    const error = badRequest();
    const answer = (p: string): ChatEvent[] => [
      { type: 'text', text: p.toUpperCase() },
      { type: 'finish', reason: 'stop', rawReason: 'stop' },
    ];
    const answers = (p: string) => (p === 'bad' ? throwError(() => error) : of(...answer(p)));
    const results = await lastValueFrom(mergePrompts(['hi', 'bad', 'yo'], answers).pipe(collectPromptResults()));
    expect(results).toEqual([
      { index: 0, key: 0, prompt: 'hi', text: 'HI', finishReason: 'stop' },
      { index: 1, key: 1, prompt: 'bad', text: '', error },
      { index: 2, key: 2, prompt: 'yo', text: 'YO', finishReason: 'stop' },
    ]);
  });

  it('emits an empty array for no prompts', async () => {
    expect(await lastValueFrom(mergePrompts([], () => of('x')).pipe(collectPromptResults()))).toEqual([]);
  });

  it('passes the source error through without an array', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const error = new Error('boom');
      expectObservable(cold<PromptEvent<string, string>>('-#', undefined, error).pipe(collectPromptResults())).toBe('-#', undefined, error);
    });
  });

  it('stops the source when unsubscribed', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold<PromptEvent<string, string>>('----|');
      expectObservable(source.pipe(collectPromptResults()), '^-!').toBe('');
      expectSubscriptions(source.subscriptions).toBe('^-!');
    });
  });
});
