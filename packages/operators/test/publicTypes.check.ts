/**
 * Type-level checks of the public API, run by `pnpm typecheck` (not a vitest file): the types
 * users get from the usual pipelines, and the overloads of retryStream.
 */
import type { ChatEvent } from '@oci-genai-rx/core';
import type { StandardSchemaV1 } from '@standard-schema/spec';
import { of } from 'rxjs';
import type { Observable } from 'rxjs';
import { collectPromptResults } from '../src/collectPromptResults.js';
import { mergePrompts } from '../src/mergePrompts.js';
import { partialJson } from '../src/partialJson.js';
import { promptResults } from '../src/promptResults.js';
import type { PromptResult } from '../src/promptResults.js';
import { retryStream } from '../src/retryStream.js';
import type { StreamResetEvent } from '../src/retryStream.js';
import { streamTimeout } from '../src/streamTimeout.js';

declare const chat: (request: { prompt: string }) => Observable<ChatEvent>;
declare const restart: boolean;

export const batch: Observable<PromptResult<{ prompt: string }>[]> = mergePrompts([{ prompt: 'x' }], (p) => chat(p)).pipe(collectPromptResults());
export const streamed: Observable<PromptResult<string>> = mergePrompts(['x'], (p) => of(p)).pipe(promptResults());
export const empty = mergePrompts([], () => of('x')).pipe(collectPromptResults());
export const guarded: Observable<ChatEvent> = chat({ prompt: 'x' }).pipe(streamTimeout({ idleMs: 1 }), retryStream(3));
export const byDefault: Observable<ChatEvent> = chat({ prompt: 'x' }).pipe(retryStream());
export const restarting: Observable<ChatEvent | StreamResetEvent> = chat({ prompt: 'x' }).pipe(retryStream({ restartAfterTokens: true }));
export const maybeRestarting: Observable<ChatEvent | StreamResetEvent> = chat({ prompt: 'x' }).pipe(retryStream({ restartAfterTokens: restart }));
// @ts-expect-error restart mode adds StreamResetEvent to the output type
export const notWidened: Observable<ChatEvent> = chat({ prompt: 'x' }).pipe(retryStream({ restartAfterTokens: true }));

declare const person: StandardSchemaV1<unknown, { name: string; tags: string[] }>;
export const partialPeople: Observable<{ name?: string; tags?: string[] }> = chat({ prompt: 'x' }).pipe(partialJson({ schema: person }));
export const typedByHand: Observable<{ n?: number }> = of('{"n": 1}').pipe(partialJson<{ n: number }>());
// @ts-expect-error a partial value's properties may be missing
export const notWhole: Observable<{ name: string }> = chat({ prompt: 'x' }).pipe(partialJson({ schema: person }));
