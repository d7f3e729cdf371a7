import type { GenerateTextRuntime } from './events.js';

/**
 * A legacy generateText request (the seed article's call), for the COHERE and LLAMA runtimes.
 *
 * @example
 * ```ts
 * client.generateText({ model: 'cohere.command', prompt: 'Tell me a joke.', maxTokens: 100 })
 * ```
 */
export interface GenerateTextRequest {
  /** An on-demand model id (`cohere.command`, `meta.llama-2-70b-chat`) or a dedicated endpoint OCID. */
  readonly model: string;
  /** The prompt. Must not be empty. */
  readonly prompt: string;
  /** The runtime; default: from the model family (`cohere.*` COHERE, `meta.*` LLAMA). */
  readonly runtime?: GenerateTextRuntime;
  /** The compartment to bill; default: the client's `compartmentId`. */
  readonly compartmentId?: string;
  readonly maxTokens?: number;
  readonly temperature?: number;
  readonly topP?: number;
  readonly topK?: number;
  /** Stop sequences (COHERE: `stopSequences`, LLAMA: `stop`). */
  readonly stop?: readonly string[];
  /** Sent as `opc-request-id`. */
  readonly opcRequestId?: string;
  /** Extra request headers (not signed). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Raw OCI `inferenceRequest` fields, merged last. */
  readonly raw?: Readonly<Record<string, unknown>>;
}
