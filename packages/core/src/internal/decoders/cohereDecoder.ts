import { finishEvent } from '../finishReason.js';
import type { FrameDecoder } from './FrameDecoder.js';
import { arrayField, field, stringField } from './FrameDecoder.js';
import { ToolCallAssembler } from './ToolCallAssembler.js';
import { emitUsage } from './usage.js';

/**
 * COHERE chat frames: `text` deltas, `toolCalls[]` (`{name, parameters}`, no ids), and a
 * terminal event that REPEATS THE WHOLE TEXT beside `chatHistory` and `finishReason`: its text
 * is not a delta and is never emitted. Tool calls repeated by the terminal event are emitted
 * only if none came before.
 */
export function createCohereDecoder(): FrameDecoder {
  let toolCallsSeen = false;
  const toolCalls = new ToolCallAssembler();
  return {
    decode(frame, emit) {
      const reason = stringField(frame, 'finishReason');
      if (reason === undefined) {
        const text = stringField(frame, 'text');
        if (text) emit({ type: 'text', text });
      }
      const calls = arrayField(frame, 'toolCalls');
      if (calls.length > 0 && !(reason !== undefined && toolCallsSeen)) {
        toolCallsSeen = true;
        // Whole calls without ids: the assembler names them call_0, call_1, … by order.
        for (const call of calls) {
          if (typeof call === 'object' && call !== null) toolCalls.addWhole({ name: stringField(call, 'name') ?? '', arguments: JSON.stringify(field(call, 'parameters') ?? {}) });
        }
        toolCalls.flush(emit);
      }
      if (reason !== undefined) emit(finishEvent(reason, frame['errorMessage']));
      emitUsage(frame, emit);
    },
  };
}
