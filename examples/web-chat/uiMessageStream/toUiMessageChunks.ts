import type { ChatEvent, FinishReason, ToolCall } from '@oci-genai-rx/core';
import type { Observable } from 'rxjs';
import { concat, concatMap, defer, from } from 'rxjs';
import type { UiFinishReason, UiMessageChunk, UiMessageMetadata } from './UiMessageChunk.js';

/**
 * Turns one answer's chat events into the AI SDK's UI message stream parts: `start`, then one
 * step (`start-step` … `finish-step`) holding the reasoning and text blocks (each a
 * `-start`, its deltas, an `-end`) and the tool calls (`tool-input-start`, the arguments as one
 * `tool-input-delta`, `tool-input-available` with the parsed input, or `tool-input-error`
 * when the model wrote invalid JSON), then `finish` with the finish reason and, as message
 * metadata, the `opc-request-id` and the usage.
 *
 * `finish` waits for the source to complete, because OCI sends usage after its finish event.
 * An error of the source passes through (the relay writes it as an `error` part);
 * unsubscribing unsubscribes the source, which aborts the request.
 *
 * @example
 * client.chat({ model, prompt: 'Tell me a joke.' }).pipe(toUiMessageChunks()).subscribe(console.log);
 * // { type: 'start', messageId: 'msg-E869…' }
 * // { type: 'start-step' }
 * // { type: 'text-start', id: 'text-0' }
 * // { type: 'text-delta', id: 'text-0', delta: 'Why' }
 * // …
 * // { type: 'text-end', id: 'text-0' }
 * // { type: 'finish-step' }
 * // { type: 'finish', finishReason: 'stop', messageMetadata: { opcRequestId: 'E869…', usage: { … } } }
 */
export function toUiMessageChunks(): (source: Observable<ChatEvent>) => Observable<UiMessageChunk> {
  return (source) =>
    defer(() => {
      let open: { kind: 'text' | 'reasoning'; id: string } | undefined;
      let blocks = 0;
      let finishReason: UiFinishReason = 'other';
      let metadata: UiMessageMetadata = {};

      const close = (): UiMessageChunk[] => {
        if (open === undefined) return [];
        const chunk = { type: `${open.kind}-end`, id: open.id } as const;
        open = undefined;
        return [chunk];
      };
      const delta = (kind: 'text' | 'reasoning', text: string): UiMessageChunk[] => {
        const chunks = open?.kind === kind ? [] : close();
        if (open === undefined) {
          open = { kind, id: `${kind}-${blocks++}` };
          chunks.push({ type: `${kind}-start`, id: open.id });
        }
        chunks.push({ type: `${kind}-delta`, id: open.id, delta: text });
        return chunks;
      };

      const chunksOf = (event: ChatEvent): UiMessageChunk[] => {
        switch (event.type) {
          case 'start':
            metadata = { ...metadata, opcRequestId: event.opcRequestId };
            return [{ type: 'start', messageId: `msg-${event.opcRequestId}` }, { type: 'start-step' }];
          case 'text':
          case 'reasoning':
            return delta(event.type, event.text);
          case 'tool-call':
            return [...close(), ...toolCallChunks(event.toolCall, blocks++)];
          case 'finish':
            finishReason = uiFinishReason(event.reason);
            return close();
          case 'usage':
            metadata = { ...metadata, usage: event.usage };
            return [];
        }
      };

      return concat(
        source.pipe(concatMap((event) => from(chunksOf(event)))),
        defer(() => from<UiMessageChunk[]>([...close(), { type: 'finish-step' }, { type: 'finish', finishReason, messageMetadata: metadata }])),
      );
    });
}

function toolCallChunks(call: ToolCall, index: number): UiMessageChunk[] {
  // COHERE sends no call ids; the UI needs one to pair the call with its result.
  const toolCallId = call.id ?? `call-${index}`;
  const chunks: UiMessageChunk[] = [
    { type: 'tool-input-start', toolCallId, toolName: call.name },
    { type: 'tool-input-delta', toolCallId, inputTextDelta: call.arguments },
  ];
  try {
    chunks.push({ type: 'tool-input-available', toolCallId, toolName: call.name, input: JSON.parse(call.arguments === '' ? '{}' : call.arguments) as unknown });
  } catch (error) {
    chunks.push({ type: 'tool-input-error', toolCallId, toolName: call.name, input: call.arguments, errorText: `The model wrote arguments that are not JSON: ${(error as Error).message}` });
  }
  return chunks;
}

/** OCI's finish reasons in the AI SDK's words: a server-side cancel has no word there. */
function uiFinishReason(reason: FinishReason): UiFinishReason {
  return reason === 'cancelled' ? 'other' : reason;
}
