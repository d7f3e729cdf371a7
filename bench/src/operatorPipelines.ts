import type { ChatEvent } from '@oci-genai-rx/core';
import { toText } from '@oci-genai-rx/core';
import { bufferSentences, mergePrompts, retryStream, streamTimeout } from '@oci-genai-rx/operators';
import type { Observable } from 'rxjs';
import { from } from 'rxjs';

/** A far deadline: measured for its cost per token, never fired. */
const farMs = 60_000;

/** What a pipeline runs on: the same tokens as strings and as core's events. */
export interface OperatorInput {
  readonly words: readonly string[];
  readonly events: readonly ChatEvent[];
}

/** One operator (or stack of operators) and the baseline its cost is measured against. */
export interface OperatorPipeline {
  readonly name: string;
  readonly baseline: 'events' | 'strings';
  readonly make: (input: OperatorInput) => Observable<unknown>;
}

/** The baselines: the token array as an Observable, nothing else. */
export const baselines: Readonly<Record<OperatorPipeline['baseline'], (input: OperatorInput) => Observable<unknown>>> = {
  events: ({ events }) => from(events),
  strings: ({ words }) => from(words),
};

/** Every operator whose cost per token the bench reports. */
export const operatorPipelines: readonly OperatorPipeline[] = [
  { name: 'toText()', baseline: 'events', make: ({ events }) => from(events).pipe(toText()) },
  { name: 'streamTimeout({ firstTokenMs, idleMs })', baseline: 'events', make: ({ events }) => from(events).pipe(streamTimeout({ firstTokenMs: farMs, idleMs: farMs })) },
  { name: 'streamTimeout({ totalMs })', baseline: 'events', make: ({ events }) => from(events).pipe(streamTimeout({ totalMs: farMs })) },
  { name: 'retryStream({ count: 3 })', baseline: 'events', make: ({ events }) => from(events).pipe(retryStream({ count: 3 })) },
  { name: 'mergePrompts (1 prompt, concurrency 1)', baseline: 'events', make: ({ events }) => mergePrompts([0], () => from(events), { concurrency: 1 }) },
  { name: 'bufferSentences()', baseline: 'strings', make: ({ words }) => from(words).pipe(bufferSentences()) },
  {
    name: 'the usual operators: streamTimeout + retryStream + toText + bufferSentences',
    baseline: 'events',
    make: ({ events }) => from(events).pipe(streamTimeout({ firstTokenMs: farMs, idleMs: farMs }), retryStream({ count: 3 }), toText(), bufferSentences()),
  },
];
