import { randomBytes } from 'node:crypto';
import type { Answer } from '../../answers/planAnswer.js';
import type { OpenAiInput } from './parseOpenAiRequest.js';
import type { StreamItem } from '../../stream/streamEvents.js';

function usage(answer: Answer): Record<string, number> {
  return { prompt_tokens: answer.promptTokens, completion_tokens: answer.completionTokens, total_tokens: answer.promptTokens + answer.completionTokens };
}

/**
 * The OpenAI-style stream: `chat.completion.chunk` objects (a first chunk with the
 * role, `reasoning_content` deltas for reasoning models, content deltas, a last chunk
 * with `finish_reason` stop or length), a usage chunk with `choices: []` when
 * `stream_options.include_usage`, then `[DONE]` unless `sendDone` is false. No `pad`:
 * that is OCI's native habit.
 *
 * @example
 * [...openAiEvents(input, answer, new Date(), true)].at(-1)?.data; // '[DONE]'
 */
export function* openAiEvents(input: OpenAiInput, answer: Answer, now: Date, sendDone: boolean): Generator<StreamItem> {
  const head = { id: `chatcmpl-${randomBytes(12).toString('hex')}`, object: 'chat.completion.chunk', created: Math.floor(now.getTime() / 1000), model: input.modelName };
  const chunk = (delta: Record<string, unknown>, finishReason: string | null = null): string =>
    JSON.stringify({ ...head, choices: [{ index: 0, delta, finish_reason: finishReason }] });
  yield { data: chunk({ role: 'assistant', content: '' }), delta: false };
  for (const reasoning of answer.reasoningTokens()) yield { data: chunk({ reasoning_content: reasoning }), delta: true };
  for (const content of answer.tokens()) yield { data: chunk({ content }), delta: true };
  yield { data: chunk({}, answer.finish), delta: false };
  if (input.includeUsage) yield { data: JSON.stringify({ ...head, choices: [], usage: usage(answer) }), delta: false };
  if (sendDone) yield { data: '[DONE]', delta: false };
}

/**
 * The non-streaming OpenAI-style `chat.completion`.
 *
 * @example
 * openAiResponse(input, answer, new Date()).choices; // [{ index: 0, message: { role: 'assistant', content: '…' }, finish_reason: 'stop', logprobs: null }]
 */
export function openAiResponse(input: OpenAiInput, answer: Answer, now: Date): Record<string, unknown> & { choices: unknown[] } {
  return {
    id: `chatcmpl-${randomBytes(12).toString('hex')}`,
    object: 'chat.completion',
    created: Math.floor(now.getTime() / 1000),
    model: input.modelName,
    choices: [{ index: 0, message: { role: 'assistant', content: answer.text() }, finish_reason: answer.finish, logprobs: null }],
    usage: usage(answer),
  };
}
