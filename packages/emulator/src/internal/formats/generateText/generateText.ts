import { randomUUID } from 'node:crypto';
import type { Answer } from '../../answers/planAnswer.js';
import { createPadder } from '../createPadder.js';
import type { GenerateTextInput } from './parseGenerateTextRequest.js';
import type { StreamItem } from '../../stream/sendEventStream.js';

function finishReason(input: GenerateTextInput, answer: Answer): string {
  if (input.runtime === 'COHERE') return answer.finish === 'length' ? 'MAX_TOKENS' : 'COMPLETE';
  return answer.finish;
}

/**
 * The generateText stream. COHERE: `{"id":"<uuid>","text":" Why"}` per token (one id per
 * answer, as in the seed article) and `{"index":0,"text":"","finishReason":"COMPLETE"}`;
 * LLAMA: `{"index":0,"text":…}` and `{"index":0,"text":"","finishReason":"stop"}`.
 *
 * @example
 * [...generateTextEvents(input, answer, false)][0]?.data; // '{"id":"6f0c…","text":" Why","pad":"aaa"}'
 */
export function* generateTextEvents(input: GenerateTextInput, answer: Answer, sendDone: boolean): Generator<StreamItem> {
  const pad = createPadder(answer.seed);
  const id = randomUUID();
  for (const text of answer.tokens()) {
    yield { data: pad(input.runtime === 'COHERE' ? { id, text } : { index: 0, text }), delta: true };
  }
  yield { data: pad({ index: 0, text: '', finishReason: finishReason(input, answer) }), delta: false };
  if (sendDone) yield { data: '[DONE]', delta: false };
}

/**
 * The non-streaming generateText response, per runtime.
 *
 * @example
 * generateTextResponse(input, answer, new Date());
 * // { modelId, modelVersion: '1.0.0', inferenceResponse: { runtimeType: 'COHERE', generatedTexts: [{ id, text, finishReason: 'COMPLETE' }], timeCreated } }
 */
export function generateTextResponse(input: GenerateTextInput, answer: Answer, now: Date): Record<string, unknown> {
  const text = answer.text();
  const inferenceResponse =
    input.runtime === 'COHERE'
      ? { runtimeType: 'COHERE', generatedTexts: [{ id: randomUUID(), text, finishReason: finishReason(input, answer) }], timeCreated: now.toISOString(), prompt: input.prompt }
      : { runtimeType: 'LLAMA', created: now.toISOString(), choices: [{ index: 0, text, finishReason: finishReason(input, answer) }] };
  return { modelId: input.model.id, modelVersion: '1.0.0', inferenceResponse };
}
