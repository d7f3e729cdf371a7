import type { Usage } from '@oci-genai-rx/core';

/**
 * The parts of the AI SDK's UI message stream protocol (`x-vercel-ai-ui-message-stream: v1`)
 * that the relay sends: what `useChat` and the `ai` package's `readUIMessageStream` read.
 * Declared here rather than imported so that the relay does not depend on the `ai` package;
 * the relay's test reads the stream with the `ai` package's own reader.
 *
 * @example
 * { type: 'text-delta', id: 'text-0', delta: 'Why' }
 */
export type UiMessageChunk =
  | { readonly type: 'start'; readonly messageId: string }
  | { readonly type: 'start-step' }
  | { readonly type: 'text-start' | 'text-end' | 'reasoning-start' | 'reasoning-end'; readonly id: string }
  | { readonly type: 'text-delta' | 'reasoning-delta'; readonly id: string; readonly delta: string }
  | { readonly type: 'tool-input-start'; readonly toolCallId: string; readonly toolName: string }
  | { readonly type: 'tool-input-delta'; readonly toolCallId: string; readonly inputTextDelta: string }
  | { readonly type: 'tool-input-available'; readonly toolCallId: string; readonly toolName: string; readonly input: unknown }
  | { readonly type: 'tool-input-error'; readonly toolCallId: string; readonly toolName: string; readonly input: unknown; readonly errorText: string }
  | { readonly type: 'finish-step' }
  | { readonly type: 'finish'; readonly finishReason: UiFinishReason; readonly messageMetadata: UiMessageMetadata }
  | { readonly type: 'error'; readonly errorText: string };

/** The AI SDK's finish reasons. */
export type UiFinishReason = 'stop' | 'length' | 'content-filter' | 'tool-calls' | 'error' | 'other';

/**
 * What the relay puts in the finish part's `messageMetadata`: the request id to quote to
 * Oracle support, and the token counts when OCI sent them.
 *
 * @example
 * { opcRequestId: 'E869…', usage: { promptTokens: 8, completionTokens: 31, totalTokens: 39 } }
 */
export interface UiMessageMetadata {
  readonly opcRequestId?: string;
  readonly usage?: Usage;
}
