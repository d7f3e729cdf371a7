import { finishEvent } from '../finishReason.js';
import type { FrameDecoder } from './FrameDecoder.js';
import { arrayField, numberField, objectField, stringField } from './FrameDecoder.js';
import { ToolCallAssembler } from './ToolCallAssembler.js';
import { emitUsage } from './usage.js';

/**
 * COHEREV2 chat frames: `message.content[]` parts (`TEXT` text, `THINKING` reasoning),
 * `message.toolCalls[]` (`{id, function: {name, arguments}}`, possibly in fragments),
 * `finishReason`, `usage`.
 */
export function createCohereV2Decoder(): FrameDecoder {
  const toolCalls = new ToolCallAssembler();
  return {
    decode(frame, emit) {
      const message = objectField(frame, 'message');
      for (const part of arrayField(message, 'content')) {
        if (stringField(part, 'type') === 'THINKING') {
          const thinking = stringField(part, 'thinking');
          if (thinking) emit({ type: 'reasoning', text: thinking });
        } else {
          const text = stringField(part, 'text');
          if (text) emit({ type: 'text', text });
        }
      }
      for (const call of arrayField(message, 'toolCalls')) {
        const fn = objectField(call, 'function');
        toolCalls.add({ index: numberField(call, 'index'), id: stringField(call, 'id'), name: stringField(fn, 'name'), arguments: stringField(fn, 'arguments') });
      }
      const reason = stringField(frame, 'finishReason');
      if (reason !== undefined) {
        toolCalls.flush(emit);
        emit(finishEvent(reason, frame['errorMessage']));
      }
      emitUsage(frame, emit);
    },
  };
}
