import { randomBytes } from 'node:crypto';
import type { Answer } from '../../answers/planAnswer.js';
import type { OpenAiInput } from './parseOpenAiRequest.js';
import type { ToolCallPlan } from '../../answers/planToolCall.js';
import type { StreamItem } from '../../stream/sendEventStream.js';

function usage(answer: Answer, tool: ToolCallPlan | undefined): Record<string, unknown> {
  const completion = tool === undefined ? answer.completionTokens : tool.pieces.length + 1;
  const counts: Record<string, unknown> = { prompt_tokens: answer.promptTokens, completion_tokens: completion, total_tokens: answer.promptTokens + completion };
  if (tool === undefined && answer.reasoningCount > 0) counts['completion_tokens_details'] = { reasoning_tokens: answer.reasoningCount };
  return counts;
}

/**
 * The OpenAI-style stream: `chat.completion.chunk` objects (a first chunk with the
 * role, `reasoning_content` deltas for reasoning models, content deltas, a last chunk
 * with `finish_reason` stop or length; or a tool call's deltas by index and `tool_calls`), a usage chunk with `choices: []` when
 * `stream_options.include_usage`, then `[DONE]` unless `sendDone` is false. No `pad`:
 * that is OCI's native habit.
 *
 * @example
 * [...openAiEvents(input, answer, undefined, new Date(), true)].at(-1)?.data; // '[DONE]'
 */
export function* openAiEvents(input: OpenAiInput, answer: Answer, tool: ToolCallPlan | undefined, now: Date, sendDone: boolean): Generator<StreamItem> {
  const head = { id: `chatcmpl-${randomBytes(12).toString('hex')}`, object: 'chat.completion.chunk', created: Math.floor(now.getTime() / 1000), model: input.modelName };
  const chunk = (delta: Record<string, unknown>, finishReason: string | null = null): string =>
    JSON.stringify({ ...head, choices: [{ index: 0, delta, finish_reason: finishReason }] });
  if (tool === undefined) {
    yield { data: chunk({ role: 'assistant', content: '' }), delta: false };
    for (const reasoning of answer.reasoningTokens()) yield { data: chunk({ reasoning_content: reasoning }), delta: true };
    for (const content of answer.tokens()) yield { data: chunk({ content }), delta: true };
    yield { data: chunk({}, answer.finish), delta: false };
  } else {
    // openai-node's ChoiceDelta.ToolCall: the first delta names the call, the rest carry argument pieces, all by index.
    yield { data: chunk({ role: 'assistant', tool_calls: [{ index: 0, id: tool.id, type: 'function', function: { name: tool.name, arguments: '' } }] }), delta: true };
    for (const piece of tool.pieces) yield { data: chunk({ tool_calls: [{ index: 0, function: { arguments: piece } }] }), delta: true };
    yield { data: chunk({}, 'tool_calls'), delta: false };
  }
  if (input.includeUsage) yield { data: JSON.stringify({ ...head, choices: [], usage: usage(answer, tool) }), delta: false };
  if (sendDone) yield { data: '[DONE]', delta: false };
}

/**
 * The non-streaming OpenAI-style `chat.completion`.
 *
 * @example
 * openAiResponse(input, answer, undefined, new Date()).choices; // [{ index: 0, message: { role: 'assistant', content: '…' }, finish_reason: 'stop', logprobs: null }]
 */
export function openAiResponse(input: OpenAiInput, answer: Answer, tool: ToolCallPlan | undefined, now: Date): Record<string, unknown> & { choices: unknown[] } {
  const message = tool === undefined
    ? { role: 'assistant', content: answer.text() }
    : { role: 'assistant', content: null, tool_calls: [{ id: tool.id, type: 'function', function: { name: tool.name, arguments: tool.arguments } }] };
  return {
    id: `chatcmpl-${randomBytes(12).toString('hex')}`,
    object: 'chat.completion',
    created: Math.floor(now.getTime() / 1000),
    model: input.modelName,
    choices: [{ index: 0, message, finish_reason: tool === undefined ? answer.finish : 'tool_calls', logprobs: null }],
    usage: usage(answer, tool),
  };
}
