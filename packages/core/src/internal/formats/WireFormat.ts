import type { ChatMessage, ChatRequest, ToolDefinition } from '../../chatRequest.js';
import type { ChatEvent, GenerateTextRuntime } from '../../events.js';
import type { ChatRoute } from '../../chatRequest.js';
import type { GenerateTextRequest } from '../../generateTextRequest.js';

/**
 * Where a {@link FrameDecoder} hands the events of a frame, in order. A text delta, the event of
 * nearly every frame, has a method of its own: its event object is then built in one place, with
 * one hidden class whatever the format, and counted without a look at its type. The stream's
 * decoder (StreamDecoder) is the sink: it keeps the events of a network read and passes them on
 * to the subscriber itself once the read is decoded. No callback is made per stream.
 *
 * @example
 * ```ts
 * const events: ChatEvent[] = [];
 * const sink: FrameEvents = { text: (text) => events.push({ type: 'text', text }), next: (event) => events.push(event) };
 * ```
 */
export interface FrameEvents {
  /** A text delta; never empty (decoders drop empty ones). */
  text(text: string): void;
  /** Any other event: reasoning, tool-call, finish, usage. */
  next(event: ChatEvent): void;
}

/** A parsed SSE data frame; every field is optional and checked before use. */
export type WireFrame = Readonly<Record<string, unknown>>;

/**
 * Turns the parsed JSON frames of one stream into events. Stateful (tool calls span frames):
 * one decoder per stream.
 *
 * @example
 * ```ts
 * const decoder = generic.createDecoder();
 * decoder.decode({ message: { content: [{ text: 'Hi' }] } }, sink); // sink.text('Hi')
 * ```
 */
export interface FrameDecoder {
  /** Decodes one frame (an object parsed from one `data:` line) into `events`. */
  decode(frame: WireFrame, events: FrameEvents): void;
}

/**
 * How a model family takes a chat format: `preferred` (chosen when the request names none),
 * `accepted` (allowed when named), or `undefined` (not taken, or the model id does not tell).
 */
export type FamilyFit = 'preferred' | 'accepted' | undefined;

/** What one chat format adds to the shared `chatRequest` envelope, already checked. */
export interface ChatBodyInput {
  readonly request: ChatRequest;
  /** The conversation, the prompt appended as the last user message; never empty. */
  readonly messages: readonly ChatMessage[];
  /** The tools, or `undefined` when there are none. */
  readonly tools: readonly ToolDefinition[] | undefined;
}

/**
 * One chat wire format (`chatRequest.apiFormat`): the fields its body carries, the decoder of
 * its frames, and which model families take it. Adding a format means one such file in this
 * folder and one row in the table of `index.ts`.
 *
 * @example
 * ```ts
 * generic.bodyFields({ request, messages, tools: undefined }); // { messages: [...], streamOptions: { isIncludeUsage: true } }
 * generic.familyFit('meta.llama-3.3-70b-instruct'); // 'preferred'
 * ```
 */
export interface ChatWireFormat {
  /** The format's fields of `chatRequest` (beside `apiFormat`, `isStream` and the sampling knobs). */
  bodyFields(input: ChatBodyInput): Record<string, unknown>;
  /** A fresh decoder for one stream. */
  createDecoder(): FrameDecoder;
  /** How the family of an on-demand model id takes this format. */
  familyFit(model: string): FamilyFit;
  /**
   * Whether `chatRequest.maxTokens` carries the request's `maxTokens` for this model (false where
   * the format sends it under another name, as GENERIC does for OpenAI's reasoning models).
   */
  takesMaxTokens(model: string): boolean;
  /**
   * Whether the model continues a trailing assistant message as it stands. When false (COHERE
   * must end on a user message), a continuation asks for the rest in a user message.
   */
  readonly continuesAssistantText: boolean;
}

/**
 * The legacy generateText operation (`inferenceRequest`): its runtimes, their default and family
 * rule, the body fields per runtime, and the frame decoder shared by both runtimes.
 *
 * @example
 * ```ts
 * generateText.runtimeFor('cohere.command'); // 'COHERE'
 * ```
 */
export interface GenerateTextWireFormat {
  /** Every runtime, in the order error messages list them. */
  readonly runtimes: readonly GenerateTextRuntime[];
  /** The runtime when neither the request nor the model family names one. */
  readonly defaultRuntime: GenerateTextRuntime;
  /** The runtime of a model family; `undefined` when the model id does not tell. */
  runtimeFor(model: string): GenerateTextRuntime | undefined;
  /** The `inferenceRequest` fields for a runtime (beside `runtimeType`, `isStream` and the knobs). */
  bodyFields(request: GenerateTextRequest, runtime: GenerateTextRuntime): Record<string, unknown>;
  /** A fresh decoder for one stream. */
  createDecoder(): FrameDecoder;
}


/**
 * One OpenAI-compatible route (`/openai/v1/...`): its path, the whole JSON body (these routes
 * have no OCI envelope), the decoder of its frames, and the name its answers report in `start`.
 * Adding a route means one such file in this folder and one row in `openAiRoutes` of `index.ts`.
 *
 * @example
 * ```ts
 * responses.body({ model: 'openai.gpt-5-mini', prompt: 'Hi' }); // '{"model":"openai.gpt-5-mini","input":[…],"stream":true}'
 * ```
 */
export interface OpenAiWireFormat {
  /** The `route` option that selects it. */
  readonly route: Exclude<ChatRoute, 'native'>;
  /** The `format` of its `start` event. */
  readonly format: 'CHAT_COMPLETIONS' | 'RESPONSES';
  /** The path under the endpoint. */
  readonly path: string;
  /** The JSON body, checked: throws InvalidRequestError naming a field the route lacks. */
  body(request: ChatRequest): string;
  /** A fresh decoder for one stream. */
  createDecoder(): FrameDecoder;
}
