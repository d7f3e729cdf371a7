import { finishEvent } from '../frames/finishEvent.js';
import { stringField } from '../frames/wireFields.js';
import { definedOnly } from '../bodyFields.js';
import type { GenerateTextWireFormat } from './WireFormat.js';

/**
 * The legacy generateText operation, COHERE and LLAMA runtimes. Body: `prompt` and the knobs,
 * `stopSequences` for COHERE and `stop` for LLAMA. Frames (both runtimes): a top-level `text`
 * delta, and `finishReason` at the end. Cohere models run on COHERE, Meta models on LLAMA, and
 * LLAMA is the default when the model id does not tell.
 *
 * @example
 * ```ts
 * generateText.runtimeFor('meta.llama-2-70b-chat'); // 'LLAMA'
 * generateText.bodyFields({ model: 'cohere.command', prompt: 'Hi', stop: ['.'] }, 'COHERE'); // { stopSequences: ['.'] }
 * ```
 */
export const generateText: GenerateTextWireFormat = {
  runtimes: ['COHERE', 'LLAMA'],
  defaultRuntime: 'LLAMA',

  runtimeFor(model) {
    if (model.startsWith('cohere.')) return 'COHERE';
    if (model.startsWith('meta.')) return 'LLAMA';
    return undefined;
  },

  bodyFields: (request, runtime) =>
    definedOnly({
      stopSequences: runtime === 'COHERE' ? request.stop : undefined,
      stop: runtime === 'LLAMA' ? request.stop : undefined,
    }),

  createDecoder: () => ({
    decode(frame, events) {
      const text = stringField(frame, 'text');
      if (text) events.text(text);
      const reason = stringField(frame, 'finishReason');
      if (reason !== undefined) events.next(finishEvent(reason));
    },
  }),
};
