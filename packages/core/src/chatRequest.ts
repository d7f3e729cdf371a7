import type { ApiFormat } from './events.js';

/**
 * Which OCI route a chat goes to:
 * - `native`: `/20231130/actions/chat` (GENERIC, COHERE or COHEREV2), signed;
 * - `chat-completions`: the OpenAI-compatible `/openai/v1/chat/completions`;
 * - `responses`: the OpenAI-compatible `/openai/v1/responses`, which Oracle recommends for new apps.
 * The OpenAI-compatible routes take IAM signing or an OCI Generative AI API key.
 *
 * @example
 * ```ts
 * client.chat({ model: 'openai.gpt-5-mini', prompt: 'Hi', route: 'responses' })
 * ```
 */
export type ChatRoute = 'native' | 'chat-completions' | 'responses';

/**
 * How much a reasoning model thinks before it answers (GENERIC `reasoningEffort`, OpenAI
 * `reasoning_effort` / `reasoning.effort`). `none` is taken by the newest models only.
 *
 * @example
 * ```ts
 * { model: 'openai.gpt-5', prompt: 'Prove it.', reasoningEffort: 'high' }
 * ```
 */
export type ReasoningEffort = 'none' | 'minimal' | 'low' | 'medium' | 'high';

/**
 * The shape the answer must take (GENERIC `responseFormat`, OpenAI `response_format` / `text.format`).
 *
 * @example
 * ```ts
 * { type: 'json-schema', name: 'weather', schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] }, strict: true }
 * ```
 */
export type ResponseFormat =
  | { readonly type: 'text' }
  | { readonly type: 'json-object' }
  | {
      readonly type: 'json-schema';
      /** The schema's name: letters, digits, `_` and `-`. */
      readonly name: string;
      readonly description?: string;
      /** A JSON Schema object. */
      readonly schema: Readonly<Record<string, unknown>>;
      /** Follow the schema exactly (a subset of JSON Schema); default false. */
      readonly strict?: boolean;
    };

/**
 * Whether the model may, must or must not call a tool, or which one it must call.
 *
 * @example
 * ```ts
 * { toolChoice: { name: 'getWeather' } }
 * ```
 */
export type ToolChoice = 'auto' | 'none' | 'required' | { readonly name: string };

/**
 * One chat request, in one friendly shape for every OCI chat format. The client translates it
 * to GENERIC, COHERE or COHEREV2 (`format`, chosen from the model family by default); `raw`
 * reaches any OCI field the friendly shape lacks.
 *
 * @example
 * ```ts
 * const request: ChatRequest = {
 *   model: 'meta.llama-3.3-70b-instruct',
 *   system: 'Answer in one sentence.',
 *   prompt: 'Tell me a joke.',
 *   maxTokens: 200,
 * };
 * ```
 */
export interface ChatRequest {
  /** An on-demand model id (`meta.llama-3.3-70b-instruct`) or a dedicated endpoint OCID (`ocid1.generativeaiendpoint…`). */
  readonly model: string;
  /** The user's message. Appended after `messages` when both are given. */
  readonly prompt?: string;
  /** The conversation so far, oldest first. */
  readonly messages?: readonly ChatMessage[];
  /** A system prompt (COHERE: `preambleOverride`). */
  readonly system?: string;
  /** The wire format; default: from the model family (GENERIC for dedicated endpoints). */
  readonly format?: ApiFormat;
  /** The compartment to bill; default: the client's `compartmentId`. */
  readonly compartmentId?: string;
  /**
   * The route; default: the client's `route` (itself `native`, or `responses` with a Generative
   * AI API key).
   */
  readonly route?: ChatRoute;
  /**
   * Maximum tokens to generate. Reasoning model families that refuse `maxTokens` (openai.gpt-5,
   * openai.o*) get it as `maxCompletionTokens`.
   */
  readonly maxTokens?: number;
  /** Maximum tokens to generate, reasoning included (GENERIC `maxCompletionTokens`). Wins over `maxTokens`. */
  readonly maxCompletionTokens?: number;
  /** Reasoning effort of reasoning models; default: the model's. */
  readonly reasoningEffort?: ReasoningEffort;
  /** How long the answer runs (`low`, `medium`, `high`); default: the model's. */
  readonly verbosity?: 'low' | 'medium' | 'high';
  /** Text, any JSON object, or JSON that follows a schema; default text. */
  readonly responseFormat?: ResponseFormat;
  /** Whether and which tool the model calls; default: the model decides (`auto`). */
  readonly toolChoice?: ToolChoice;
  /** Let the model call several tools at once (GENERIC `isParallelToolCalls`); default: the model's. */
  readonly parallelToolCalls?: boolean;
  /** The processing tier (`auto`, `default`, `priority`); default: the service's. */
  readonly serviceTier?: 'auto' | 'default' | 'priority';
  /** COHEREV2 thinking: on or off, and the most tokens it may spend; default: the model's. */
  readonly thinking?: { readonly enabled: boolean; readonly tokenBudget?: number };
  /** Sampling temperature, 0 to 2 (model dependent). */
  readonly temperature?: number;
  readonly topP?: number;
  readonly topK?: number;
  readonly frequencyPenalty?: number;
  readonly presencePenalty?: number;
  /** Stop sequences (COHERE: `stopSequences`). */
  readonly stop?: readonly string[];
  readonly seed?: number;
  /** Tools the model may call. */
  readonly tools?: readonly ToolDefinition[];
  /** Ask for a usage event (GENERIC `streamOptions.isIncludeUsage`); default true. */
  readonly includeUsage?: boolean;
  /** Sent as `opc-request-id` (OCI echoes it back); default: OCI generates one. */
  readonly opcRequestId?: string;
  /** Extra request headers (not signed), e.g. the emulator's `x-emulator-fault`. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Raw fields merged last into `chatRequest` (native) or the OpenAI-style body: they win over the friendly fields. */
  readonly raw?: Readonly<Record<string, unknown>>;
}

/**
 * One message of a conversation.
 *
 * @example
 * ```ts
 * { role: 'user', content: 'Tell me a joke.' }
 * ```
 */
export interface ChatMessage {
  readonly role: 'system' | 'user' | 'assistant' | 'tool';
  readonly content: string;
  /** For `tool` messages in GENERIC/COHEREV2: the id of the call this answers. */
  readonly toolCallId?: string;
}

/**
 * A tool (function) the model may call.
 *
 * @example
 * ```ts
 * { name: 'getWeather', description: 'Weather by city', parameters: { type: 'object', properties: { city: { type: 'string' } } } }
 * ```
 */
export interface ToolDefinition {
  readonly name: string;
  readonly description?: string;
  /** A JSON Schema object for the arguments. */
  readonly parameters?: Readonly<Record<string, unknown>>;
}
