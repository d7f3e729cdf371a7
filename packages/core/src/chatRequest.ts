import type { ApiFormat } from './events.js';

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
  /** Maximum tokens to generate. */
  readonly maxTokens?: number;
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
  /** Raw OCI `chatRequest` fields, merged last: they win over the friendly fields. */
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
