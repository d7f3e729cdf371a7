import type { ChatEvent } from '@oci-genai-rx/core';
import { toText } from '@oci-genai-rx/core';
import { bufferSentences, mergePrompts, retryStream, streamTimeout, traceChat } from '@oci-genai-rx/operators';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { Observable } from 'rxjs';
import { from } from 'rxjs';

/** A far deadline: measured for its cost per token, never fired. */
const farMs = 60_000;

/** A tracer that records every span, into memory (dropped after each run, so it never grows). */
const exporter = new InMemorySpanExporter();
const recordingTracer = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }).getTracer('bench');
const tracedRequest = { model: 'bench', maxTokens: 500 };

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
  { name: 'traceChat({ request, retry: 3 }), tracing off (no SDK registered)', baseline: 'events', make: ({ events }) => from(events).pipe(traceChat({ request: tracedRequest, retry: 3 })) },
  {
    name: 'traceChat({ request, retry: 3, tracer }), recording one span per stream',
    baseline: 'events',
    make: ({ events }) => {
      exporter.reset();
      return from(events).pipe(traceChat({ request: tracedRequest, retry: 3, tracer: recordingTracer }));
    },
  },
  { name: 'bufferSentences()', baseline: 'strings', make: ({ words }) => from(words).pipe(bufferSentences()) },
  {
    name: 'the usual operators: streamTimeout + retryStream + toText + bufferSentences',
    baseline: 'events',
    make: ({ events }) => from(events).pipe(streamTimeout({ firstTokenMs: farMs, idleMs: farMs }), retryStream({ count: 3 }), toText(), bufferSentences()),
  },
];
