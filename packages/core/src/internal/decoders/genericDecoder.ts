import { finishEvent } from '../finishReason.js';
import type { FrameDecoder } from './FrameDecoder.js';
import { arrayField, numberField, objectField, stringField } from './FrameDecoder.js';
import { ToolCallAssembler } from './ToolCallAssembler.js';
import { emitUsage } from './usage.js';

/**
 * GENERIC chat frames: `message.content[]` text parts, `message.reasoningContent`,
 * `message.toolCalls[]` fragments, `finishReason` (the terminal event may carry the last
 * delta too), and a `usage` frame after the finish.
 */
export function createGenericDecoder(): FrameDecoder {
  const toolCalls = new ToolCallAssembler();
  return {
    decode(frame, emit) {
      const message = objectField(frame, 'message');
      if (message !== undefined) {
        const reasoning = stringField(message, 'reasoningContent');
        if (reasoning) emit({ type: 'reasoning', text: reasoning });
        for (const part of arrayField(message, 'content')) {
          const text = stringField(part, 'text');
          if (text) emit({ type: 'text', text });
        }
        for (const call of arrayField(message, 'toolCalls')) {
          toolCalls.add({ index: numberField(call, 'index'), id: stringField(call, 'id'), name: stringField(call, 'name'), arguments: stringField(call, 'arguments') });
        }
      }
      const reason = stringField(frame, 'finishReason');
      if (reason !== undefined) {
        toolCalls.flush(emit);
        emit(finishEvent(reason));
      }
      emitUsage(frame, emit);
    },
  };
}
