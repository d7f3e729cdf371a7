import { trace } from '@opentelemetry/api';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { BadRequestError } from '@oci-genai-rx/core';
import type { ChatEvent } from '@oci-genai-rx/core';
import { lastValueFrom, NEVER, of, toArray } from 'rxjs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Harness } from '../../core/test/support/emulatorClient.js';
import { settle, startHarness } from '../../core/test/support/emulatorClient.js';
import { traceChat } from '../src/traceChat.js';

const exporter = new InMemorySpanExporter();
const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
const tracer = provider.getTracer('test');
const request = { model: 'meta.llama-3.3-70b-instruct', prompt: 'Tell me a joke.', maxTokens: 100, temperature: 0.5 };

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ tokens: 12 });
});
afterAll(() => h.close());
afterEach(() => exporter.reset());

function onlySpan(): ReadableSpan {
  const spans = exporter.getFinishedSpans();
  expect(spans).toHaveLength(1);
  return spans[0] as ReadableSpan;
}

describe('traceChat', () => {
  it('records one span per request with the GenAI attributes, the opc-request-id and usage', async () => {
    const { events, error } = await settle(h.client.chat(request).pipe(traceChat({ request, tracer })));
    expect(error).toBeUndefined();
    const span = onlySpan();
    const start = events.find((event) => event.type === 'start');
    const usage = events.find((event) => event.type === 'usage');
    expect(span.name).toBe('chat meta.llama-3.3-70b-instruct');
    expect(span.kind).toBe(2); // CLIENT
    expect(span.attributes).toEqual({
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'oci',
      'gen_ai.system': 'oci',
      'gen_ai.request.model': request.model,
      'gen_ai.request.max_tokens': 100,
      'gen_ai.request.temperature': 0.5,
      'gen_ai.response.model': request.model,
      'oci.opc_request_id': start?.type === 'start' ? start.opcRequestId : 'missing',
      'gen_ai.response.finish_reasons': ['stop'],
      'gen_ai.usage.input_tokens': usage?.type === 'usage' ? usage.usage.promptTokens : 'missing',
      'gen_ai.usage.output_tokens': 12,
    });
    expect(span.events.map((event) => event.name)).toEqual(['first_token']);
    expect(span.status.code).toBe(0); // UNSET: not an error
  });

  it('records each retry as an event of the one span', async () => {
    h.emulator.setFault('status=503', { times: 2 });
    const retry = { count: 3, baseDelayMs: 1 };
    const { error } = await settle(h.client.chat(request).pipe(traceChat({ request, tracer, retry })));
    expect(error).toBeUndefined();
    const span = onlySpan();
    expect(span.events.map((event) => event.name)).toEqual(['retry', 'retry', 'first_token']);
    expect(span.events[1]?.attributes).toMatchObject({ 'retry.attempt': 2, 'error.type': 'ServerError' });
    expect(span.attributes['gen_ai.usage.output_tokens']).toBe(12);
  });

  it('records an error with its class, its request id and status ERROR', async () => {
    const failing = { ...request, headers: { 'x-emulator-fault': 'status=400' } };
    const { error } = await settle(h.client.chat(failing).pipe(traceChat({ request: failing, tracer })));
    expect(error).toBeInstanceOf(BadRequestError);
    const span = onlySpan();
    expect(span.status.code).toBe(2);
    expect(span.attributes).toMatchObject({ 'error.type': 'BadRequestError', 'http.response.status_code': 400, 'oci.opc_request_id': (error as BadRequestError).opcRequestId });
    expect(span.events.map((event) => event.name)).toEqual(['exception']);
    expect(span.events[0]?.attributes?.['exception.type']).toBe('BadRequestError');
  });

  it('ends the span with a cancel event when unsubscribed', () => {
    const subscription = NEVER.pipe(traceChat({ request, tracer })).subscribe();
    expect(exporter.getFinishedSpans()).toHaveLength(0);
    subscription.unsubscribe();
    expect(onlySpan().events.map((event) => event.name)).toEqual(['cancel']);
  });

  it('passes the stream through unchanged and records nothing when tracing is off', async () => {
    const events: ChatEvent[] = [{ type: 'start', opcRequestId: 'r', model: 'm', format: 'GENERIC' }, { type: 'text', text: 'Hi' }];
    // No provider registered: the global tracer of @opentelemetry/api makes non-recording spans.
    expect(trace.getTracer('x').startSpan('probe').isRecording()).toBe(false);
    expect(await lastValueFrom(of(...events).pipe(traceChat({ request }), toArray()))).toEqual(events);
    expect(exporter.getFinishedSpans()).toHaveLength(0);
  });

  it('refuses to trace without the request', () => {
    expect(() => traceChat({} as never)).toThrow(/traceChat\({ request }\)/);
  });
});
