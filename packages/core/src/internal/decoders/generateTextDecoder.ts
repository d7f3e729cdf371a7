import { finishEvent } from '../finishReason.js';
import type { FrameDecoder } from './FrameDecoder.js';
import { stringField } from './FrameDecoder.js';

/** generateText frames (COHERE and LLAMA runtimes): a top-level `text` delta, and `finishReason` at the end. */
export function createGenerateTextDecoder(): FrameDecoder {
  return {
    decode(frame, emit) {
      const text = stringField(frame, 'text');
      if (text) emit({ type: 'text', text });
      const reason = stringField(frame, 'finishReason');
      if (reason !== undefined) emit(finishEvent(reason));
    },
  };
}
