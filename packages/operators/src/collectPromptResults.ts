import type { ChatEvent } from '@oci-genai-rx/core';
import { map, toArray } from 'rxjs';
import type { OperatorFunction } from 'rxjs';
import type { PromptEvent } from './PromptEvent.js';
import { promptResults } from './promptResults.js';
import type { PromptResult } from './promptResults.js';

/**
 * Collects the items of `mergePrompts()` into one array of {@link PromptResult}s, ordered by
 * index, emitted when the source completes. Use {@link promptResults} to get each result as
 * soon as its prompt ends.
 *
 * Errors pass through (no array); unsubscribing unsubscribes the source.
 *
 * @returns An operator from prompt items to one array of results.
 *
 * @example
 * ```ts
 * mergePrompts(['a', 'b'], (p) => of(`${p}1`, `${p}2`)).pipe(collectPromptResults()).subscribe(console.log);
 * // [ { index: 0, key: 0, prompt: 'a', text: 'a1a2' }, { index: 1, key: 1, prompt: 'b', text: 'b1b2' } ]
 * ```
 */
export function collectPromptResults<P>(): OperatorFunction<PromptEvent<P, ChatEvent | string>, PromptResult<P>[]> {
  return (source) =>
    source.pipe(
      promptResults<P>(),
      toArray(),
      map((results) => results.sort((a, b) => a.index - b.index)),
    );
}
