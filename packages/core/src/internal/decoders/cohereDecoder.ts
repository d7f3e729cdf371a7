import { finishEvent } from '../finishReason.js';
import type { FrameDecoder } from './FrameDecoder.js';
import { arrayField, field, stringField } from './FrameDecoder.js';
import { emitUsage } from './usage.js';

/**
 * COHERE chat frames: `text` deltas, `toolCalls[]` (`{name, parameters}`, no ids), and a
 * terminal event that REPEATS THE WHOLE TEXT beside `chatHistory` and `finishReason`: its text
 * is not a delta and is never emitted. Tool calls repeated by the terminal event are emitted
 * only if none came before.
 */
export function createCohereDecoder(): FrameDecoder {
  let toolCallsSeen = false;
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
        for (const call of calls) {
          emit({ type: 'tool-call', toolCall: { name: stringField(call, 'name') ?? '', arguments: JSON.stringify(field(call, 'parameters') ?? {}) } });
        }
      }
      if (reason !== undefined) emit(finishEvent(reason, frame['errorMessage']));
      emitUsage(frame, emit);
    },
  };
}
