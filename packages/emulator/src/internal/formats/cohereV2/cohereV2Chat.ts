import type { ChatFormatWriter } from '../ChatFormatWriter.js';
import type { Answer } from '../../answers/planAnswer.js';
import type { ChatInput } from '../ChatInput.js';
import { createPadder } from '../createPadder.js';
import { genericUsage } from '../generic/genericChat.js';
import type { StreamItem } from '../../stream/sendEventStream.js';

const finishReason = (answer: Answer): string => (answer.finish === 'length' ? 'MAX_TOKENS' : 'COMPLETE');

/**
 * The COHEREV2 chat stream: THINKING parts first for reasoning models, then TEXT
 * deltas, then `{"apiFormat":"COHEREV2","message":{"role":"ASSISTANT"},"finishReason":…}`
 * (with `usage` when `streamOptions.isIncludeUsage`). `[DONE]` only when `sendDone`.
 *
 * @example
 * [...cohereV2Events(input, answer, false)][0]?.data;
 * // '{"apiFormat":"COHEREV2","message":{"role":"ASSISTANT","content":[{"type":"TEXT","text":"The"}]},"pad":"aa"}'
 */
export function* cohereV2Events(input: ChatInput, answer: Answer, sendDone: boolean): Generator<StreamItem> {
  const pad = createPadder(answer.seed);
  const part = (content: Record<string, unknown>): Record<string, unknown> => ({ apiFormat: 'COHEREV2', message: { role: 'ASSISTANT', content: [content] } });
  for (const thinking of answer.reasoningTokens()) yield { data: pad(part({ type: 'THINKING', thinking })), delta: true };
  for (const text of answer.tokens()) yield { data: pad(part({ type: 'TEXT', text })), delta: true };
  const finish: Record<string, unknown> = { apiFormat: 'COHEREV2', message: { role: 'ASSISTANT' }, finishReason: finishReason(answer) };
  if (input.includeUsage) finish['usage'] = genericUsage(answer, undefined);
  yield { data: pad(finish), delta: false };
  if (sendDone) yield { data: '[DONE]', delta: false };
}

/**
 * The non-streaming COHEREV2 chat response.
 *
 * @example
 * cohereV2Response(input, answer);
 * // { modelId, modelVersion: '1.0.0', chatResponse: { apiFormat: 'COHEREV2', message: { role: 'ASSISTANT', content: [{ type: 'TEXT', text }] }, finishReason: 'COMPLETE', usage } }
 */
export function cohereV2Response(input: ChatInput, answer: Answer): Record<string, unknown> {
  const content: Array<Record<string, unknown>> = [];
  if (answer.reasoningCount > 0) content.push({ type: 'THINKING', thinking: answer.reasoningText() });
  content.push({ type: 'TEXT', text: answer.text() });
  return {
    modelId: input.model.id,
    modelVersion: '1.0.0',
    chatResponse: { apiFormat: 'COHEREV2', message: { role: 'ASSISTANT', content }, finishReason: finishReason(answer), usage: genericUsage(answer, undefined) },
  };
}

/**
 * COHEREV2 as a chat format writer: no `data: [DONE]`, and no tool calls emulated.
 *
 * @example
 * cohereV2Chat.plansToolCalls; // false
 */
export const cohereV2Chat: ChatFormatWriter = {
  endsWithDone: () => false,
  plansToolCalls: false,
  events: (input, answer, _tool, sendDone) => cohereV2Events(input, answer, sendDone),
  response: (input, answer) => cohereV2Response(input, answer),
};
