import type { ChatEvent, ChatRequest } from '@oci-genai-rx/core';
import { isChatEvent } from '@oci-genai-rx/core';
import type { Attributes, Span, Tracer } from '@opentelemetry/api';
import { Observable } from 'rxjs';
import type { MonoTypeOperatorFunction, OperatorFunction } from 'rxjs';
import type { RetryStreamConfig, StreamResetEvent } from './retryStream.js';
import { retryStream } from './retryStream.js';
import { openTelemetryApi } from './internal/telemetry/openTelemetryApi.js';
import { isToken } from './internal/tokens.js';

/** The request fields a span records (a core `ChatRequest` or `GenerateTextRequest` fits). */
export type TracedRequest = Pick<ChatRequest, 'model' | 'maxTokens' | 'temperature' | 'topP' | 'topK' | 'frequencyPenalty' | 'presencePenalty' | 'stop' | 'seed'>;

/**
 * The part of an OpenTelemetry `Tracer` that traceChat uses: any `@opentelemetry/api` Tracer is
 * one. Declared here so that the package's types compile without that optional peer installed.
 *
 * @example
 * ```ts
 * import { trace } from '@opentelemetry/api';
 * const tracer: TraceChatTracer = trace.getTracer('my-app');
 * ```
 */
export interface TraceChatTracer {
  startSpan(name: string, options?: { readonly kind?: number; readonly attributes?: Readonly<Record<string, unknown>> }): object;
}

/** The options of {@link traceChat}. */
export interface TraceChatOptions {
  /** The request being traced: the span's name and its `gen_ai.request.*` attributes. */
  readonly request: TracedRequest;
  /** Where spans go. Default: `trace.getTracer('@oci-genai-rx/operators')` of `@opentelemetry/api`, when it is installed; else nothing is traced. */
  readonly tracer?: TraceChatTracer;
  /** `gen_ai.operation.name`. Default: `'chat'` (`'text_completion'` for generateText). */
  readonly operation?: 'chat' | 'text_completion';
  /**
   * Retries inside the span, as `retryStream(retry)` would run them (same options, a number is
   * `count`): each retry is an event of the one span. Default: none.
   */
  readonly retry?: number | RetryStreamConfig;
}

const SPAN_KIND_CLIENT = 2; // SpanKind.CLIENT and SpanStatusCode.ERROR, stable in the OpenTelemetry spec:
const STATUS_ERROR = 2; // constants, so that nothing of @opentelemetry/api is imported when it is absent.

/**
 * Traces one request as one OpenTelemetry span, following the GenAI semantic conventions:
 * `gen_ai.operation.name`, `gen_ai.provider.name` and `gen_ai.system` (`oci`),
 * `gen_ai.request.model` and the other request settings given, `oci.opc_request_id`,
 * `gen_ai.response.finish_reasons`, `gen_ai.usage.input_tokens` / `output_tokens`; an event at
 * the first token and at each retry (with `retry`); an error recorded with its class
 * (`error.type`, an exception event, status ERROR). Place it last, around the whole request.
 *
 * The span starts at subscription, inside the active context (HTTP spans of the request nest
 * under it), and ends at complete, error or unsubscribe (then with a `cancel` event). Values,
 * completion and errors pass through unchanged. Without `@opentelemetry/api`, or when tracing
 * is off (no SDK registered, or the span not sampled), it only subscribes: no work per token.
 * When recording, the work is per request, not per token (a type check per event).
 *
 * @param options `request` (required), `tracer`, `operation`, `retry`.
 * @returns An operator passing the stream through, traced.
 *
 * @example
 * ```ts
 * const request = { model: 'meta.llama-3.3-70b-instruct', prompt: 'Hi' };
 * client.chat(request).pipe(traceChat({ request, retry: 3 }), toText()).subscribe(console.log);
 * // span "chat meta.llama-3.3-70b-instruct" { gen_ai.usage.output_tokens: 8, oci.opc_request_id: '…', … }
 * ```
 */
export function traceChat<T>(options: TraceChatOptions & { readonly retry?: number | (RetryStreamConfig & { readonly restartAfterTokens?: false }) }): MonoTypeOperatorFunction<T>;
export function traceChat<T>(options: TraceChatOptions): OperatorFunction<T, T | StreamResetEvent>;
export function traceChat<T>(options: TraceChatOptions): OperatorFunction<T, T | StreamResetEvent> {
  const { request, operation = 'chat', retry } = options;
  if (typeof request?.model !== 'string') throw new TypeError('traceChat: pass the request being traced, e.g. traceChat({ request }), so the span can name its model.');
  const retryConfig: RetryStreamConfig | undefined = typeof retry === 'number' ? { count: retry } : retry;
  const attempts = (source: Observable<T>, span: Span | undefined): Observable<T | StreamResetEvent> => {
    if (retryConfig === undefined) return source;
    if (span === undefined) return source.pipe(retryStream(retryConfig));
    return source.pipe(retryStream({
      ...retryConfig,
      onRetry: (info) => {
        span.addEvent('retry', { 'retry.attempt': info.attempt, 'retry.delay_ms': info.delayMs, 'error.type': errorType(info.error) });
        retryConfig.onRetry?.(info);
      },
    }));
  };

  return (source) => new Observable<T | StreamResetEvent>((subscriber) => {
    const api = openTelemetryApi();
    // A TraceChatTracer is an @opentelemetry/api Tracer by contract (see its doc).
    const tracer = (options.tracer as Tracer | undefined) ?? api?.trace.getTracer('@oci-genai-rx/operators');
    if (tracer === undefined) return attempts(source, undefined).subscribe(subscriber);
    const span = tracer.startSpan(`${operation} ${request.model}`, { kind: SPAN_KIND_CLIENT, attributes: requestAttributes(operation, request) });
    if (!span.isRecording()) {
      span.end();
      return attempts(source, undefined).subscribe(subscriber);
    }
    let firstToken = false;
    let ended = false;
    const end = (): void => {
      ended = true;
      span.end();
    };
    const subscribe = () => attempts(source, span).subscribe({
      next: (value) => {
        // The per-token path: one event check and one comparison once the first token was seen.
        if (isChatEvent(value) && value.type !== 'text') recordEvent(span, value);
        if (!firstToken && isToken(value)) {
          firstToken = true;
          span.addEvent('first_token');
        }
        subscriber.next(value);
      },
      error: (error: unknown) => {
        span.setAttribute('error.type', errorType(error));
        const { opcRequestId, status } = (error ?? {}) as { opcRequestId?: unknown; status?: unknown };
        if (typeof opcRequestId === 'string') span.setAttribute('oci.opc_request_id', opcRequestId);
        if (typeof status === 'number') span.setAttribute('http.response.status_code', status);
        // Not the error itself: OpenTelemetry would take its `code` (HTTP, TIMEOUT…) for exception.type.
        if (error instanceof Error) span.recordException({ name: error.name, message: error.message, ...(error.stack !== undefined && { stack: error.stack }) });
        span.setStatus({ code: STATUS_ERROR, message: error instanceof Error ? error.message : String(error) });
        end();
        subscriber.error(error);
      },
      complete: () => {
        end();
        subscriber.complete();
      },
    });
    const subscription = api === undefined ? subscribe() : api.context.with(api.trace.setSpan(api.context.active(), span), subscribe);
    return () => {
      subscription.unsubscribe();
      if (!ended) {
        span.addEvent('cancel');
        end();
      }
    };
  });
}

function requestAttributes(operation: string, request: TracedRequest): Attributes {
  const attributes: Attributes = {
    'gen_ai.operation.name': operation,
    'gen_ai.provider.name': 'oci',
    'gen_ai.system': 'oci',
    'gen_ai.request.model': request.model,
  };
  const settings = {
    'gen_ai.request.max_tokens': request.maxTokens,
    'gen_ai.request.temperature': request.temperature,
    'gen_ai.request.top_p': request.topP,
    'gen_ai.request.top_k': request.topK,
    'gen_ai.request.frequency_penalty': request.frequencyPenalty,
    'gen_ai.request.presence_penalty': request.presencePenalty,
    'gen_ai.request.stop_sequences': request.stop === undefined ? undefined : [...request.stop],
    'gen_ai.request.seed': request.seed,
  };
  for (const [key, value] of Object.entries(settings)) if (value !== undefined) attributes[key] = value;
  return attributes;
}

/** The span attributes of core's metadata events (`start`, `finish`, `usage`); tokens cost one comparison chain. */
function recordEvent(span: Span, event: ChatEvent): void {
  switch (event.type) {
    case 'start':
      span.setAttributes({ 'oci.opc_request_id': event.opcRequestId, 'gen_ai.response.model': event.model });
      break;
    case 'finish':
      span.setAttribute('gen_ai.response.finish_reasons', [event.reason]);
      break;
    case 'usage': {
      const { promptTokens, completionTokens } = event.usage;
      if (promptTokens !== undefined) span.setAttribute('gen_ai.usage.input_tokens', promptTokens);
      if (completionTokens !== undefined) span.setAttribute('gen_ai.usage.output_tokens', completionTokens);
      break;
    }
    default:
      break;
  }
}

/** The error's class, as `error.type` wants it. */
function errorType(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}
