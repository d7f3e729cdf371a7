import type { chatFormats } from './internal/formats/index.js';

/**
 * The typed events of one streamed answer.
 *
 * Every OCI wire format (GENERIC, COHERE, COHEREV2 chat and the legacy generateText runtimes)
 * is normalised to this one union, so operators and apps branch on `event.type` and never on
 * the wire format. Events arrive in wire order: `start` first, then `text` / `reasoning` /
 * `tool-call` deltas, then `finish`, then `usage` when the server sends it after the finish.
 *
 * @example
 * ```ts
 * client.chat({ model: 'meta.llama-3.3-70b-instruct', prompt: 'Say hi.' }).subscribe((event) => {
 *   if (event.type === 'text') process.stdout.write(event.text);
 * });
 * // Hello, world
 * ```
 */
export type ChatEvent = StartEvent | TextEvent | ReasoningEvent | ToolCallEvent | FinishEvent | UsageEvent;

/**
 * The wire format of a chat request (`chatRequest.apiFormat`): `'GENERIC' | 'COHERE' | 'COHEREV2'`,
 * one per file in `internal/formats/`.
 *
 * @example
 * ```ts
 * client.chat({ model: 'cohere.command-a-03-2025', format: 'COHERE', prompt: 'Hi' })
 * ```
 */
export type ApiFormat = keyof typeof chatFormats;

/**
 * The runtime of a legacy generateText request (`inferenceRequest.runtimeType`).
 *
 * @example
 * ```ts
 * client.generateText({ model: 'meta.llama-2-70b-chat', runtime: 'LLAMA', prompt: 'Hi' })
 * ```
 */
export type GenerateTextRuntime = 'COHERE' | 'LLAMA';

/**
 * The wire format an answer streams in: a native chat format, a generateText runtime, or one of
 * the OpenAI-compatible routes (`CHAT_COMPLETIONS` for `/openai/v1/chat/completions`,
 * `RESPONSES` for `/openai/v1/responses`).
 *
 * @example
 * ```ts
 * if (event.type === 'start' && event.format === 'RESPONSES') console.log('via the Responses API');
 * ```
 */
export type WireFormat = ApiFormat | GenerateTextRuntime | 'CHAT_COMPLETIONS' | 'RESPONSES';

/**
 * Emitted once, first, when the response headers have arrived with status 200.
 *
 * @example
 * ```ts
 * { type: 'start', opcRequestId: 'B2D4…', model: 'meta.llama-3.3-70b-instruct', format: 'GENERIC' }
 * ```
 */
export interface StartEvent {
  readonly type: 'start';
  /** The `opc-request-id` response header: quote it in any support request to Oracle. */
  readonly opcRequestId: string;
  /** The model id or dedicated endpoint OCID the request was sent to. */
  readonly model: string;
  /** The wire format of the answer (`apiFormat`, the generateText runtime, or the OpenAI-compatible route). */
  readonly format: WireFormat;
}

/**
 * A piece of the answer's text (a token, or a few), in order. Never empty.
 *
 * @example
 * ```ts
 * { type: 'text', text: ' world' }
 * ```
 */
export interface TextEvent {
  readonly type: 'text';
  readonly text: string;
}

/**
 * A piece of the model's reasoning (GENERIC `reasoningContent`, COHEREV2 `THINKING` parts),
 * kept apart from the answer's text. Never empty.
 *
 * @example
 * ```ts
 * { type: 'reasoning', text: 'The user wants a joke, so' }
 * ```
 */
export interface ReasoningEvent {
  readonly type: 'reasoning';
  readonly text: string;
}

/**
 * One whole tool call, assembled from the wire's fragments. Emitted when the call is
 * complete: when the next call starts, or at the finish event.
 *
 * @example
 * ```ts
 * { type: 'tool-call', toolCall: { id: 'chatcmpl-tool-e5f8', name: 'sqrt', arguments: '{"x": "16"}' } }
 * ```
 *
 * @example
 * ```ts
 * { id: 'chatcmpl-tool-e5f8', name: 'sqrt', arguments: '{"x": "16"}' }
 * ```
 */
export interface ToolCallEvent {
  readonly type: 'tool-call';
  readonly toolCall: ToolCall;
}

/** A tool call requested by the model. */
export interface ToolCall {
  /**
   * The call's id as the model sent it; when it sent none (COHERE never does, Gemini often not),
   * `call_<n>`, n counting the answer's calls from 0, so the id is the same however the stream
   * was split.
   */
  readonly id: string;
  /** The tool's name. */
  readonly name: string;
  /**
   * The arguments as JSON text, exactly as the model wrote them (it may be invalid JSON:
   * models make mistakes, so parsing is left to the caller).
   */
  readonly arguments: string;
}

/**
 * Why the answer ended, normalised across formats:
 * - `stop`: a natural end or a stop sequence;
 * - `length`: the max-token limit;
 * - `tool-calls`: the model asks for tool results;
 * - `content-filter`: the answer was blocked (Cohere `ERROR_TOXIC`);
 * - `error`: the model failed mid-answer (Cohere `ERROR`, `ERROR_LIMIT`);
 * - `cancelled`: cancelled on the server side (`USER_CANCEL`);
 * - `other`: a reason this library does not know yet (see `rawReason`).
 *
 * @example
 * ```ts
 * if (event.type === 'finish' && event.reason === 'length') console.warn('cut by maxTokens');
 * ```
 */
export type FinishReason = 'stop' | 'length' | 'tool-calls' | 'content-filter' | 'error' | 'cancelled' | 'other';

/**
 * The logical end of the answer. Usage may still follow when it was asked for.
 *
 * @example
 * ```ts
 * { type: 'finish', reason: 'stop', rawReason: 'COMPLETE' }
 * ```
 */
export interface FinishEvent {
  readonly type: 'finish';
  readonly reason: FinishReason;
  /** The reason exactly as the wire sent it (`stop`, `COMPLETE`, `MAX_TOKENS`, …). */
  readonly rawReason: string;
  /** The server's explanation, sent with Cohere's `ERROR*` reasons. */
  readonly errorMessage?: string;
}

/**
 * Token counts for the whole request.
 *
 * @example
 * ```ts
 * { type: 'usage', usage: { promptTokens: 41, completionTokens: 8, totalTokens: 49 } }
 * ```
 *
 * @example
 * ```ts
 * { promptTokens: 41, completionTokens: 8, totalTokens: 49 }
 * ```
 */
export interface UsageEvent {
  readonly type: 'usage';
  readonly usage: Usage;
}

/** Token counts as OCI reports them; a count the server did not send is absent. */
export interface Usage {
  readonly promptTokens?: number;
  /** Generated tokens, reasoning included. */
  readonly completionTokens?: number;
  readonly totalTokens?: number;
  /**
   * Of `completionTokens`, those spent on reasoning (GENERIC `completionTokensDetails.reasoningTokens`,
   * OpenAI `completion_tokens_details.reasoning_tokens` / `output_tokens_details.reasoning_tokens`).
   */
  readonly reasoningTokens?: number;
}
