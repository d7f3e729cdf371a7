import type { ChatFormatWriter } from '../ChatFormatWriter.js';
import type { Answer } from '../../answers/planAnswer.js';
import type { ChatInput } from '../ChatInput.js';
import { createPadder } from '../createPadder.js';
import type { ToolCallPlan } from '../../answers/planToolCall.js';
import type { StreamItem } from '../../stream/sendEventStream.js';

/**
 * GENERIC usage (also used by COHERE and COHEREV2), with reasoning tokens itemised when there are some.
 *
 * @example
 * genericUsage(answer, undefined); // { completionTokens: 40, promptTokens: 8, totalTokens: 48 }
 */
export function genericUsage(answer: Answer, tool: ToolCallPlan | undefined): Record<string, unknown> {
  const completionTokens = tool === undefined ? answer.completionTokens : [tool, ...tool.alongside].reduce((sum, call) => sum + call.pieces.length + 1, 0);
  const usage: Record<string, unknown> = { completionTokens, promptTokens: answer.promptTokens, totalTokens: completionTokens + answer.promptTokens };
  if (answer.reasoningCount > 0 && tool === undefined) usage['completionTokensDetails'] = { reasoningTokens: answer.reasoningCount };
  return usage;
}

/**
 * The GENERIC chat stream: an empty first delta, reasoning deltas (reasoning models),
 * text deltas with `index: 0` (or tool-call fragments: id and name first, then argument
 * pieces, for each call of the turn), the finish event without `index` (`stop`, `length` or `tool_calls`), the usage
 * frame when asked for, and `[DONE]` when `sendDone`.
 *
 * @example
 * [...genericEvents(input, answer, undefined, true)].map((item) => item.data);
 * // ['{"index":0,"message":{"role":"ASSISTANT","content":[{"type":"TEXT","text":""}]},"pad":"aaa"}', …, '[DONE]']
 */
export function* genericEvents(input: ChatInput, answer: Answer, tool: ToolCallPlan | undefined, sendDone: boolean): Generator<StreamItem> {
  const pad = createPadder(answer.seed);
  const text = (value: string): Record<string, unknown> => ({ role: 'ASSISTANT', content: [{ type: 'TEXT', text: value }] });
  if (tool === undefined) {
    yield { data: pad({ index: 0, message: text('') }), delta: false };
    for (const reasoning of answer.reasoningTokens()) {
      yield { data: pad({ index: 0, message: { role: 'ASSISTANT', reasoningContent: reasoning } }), delta: true };
    }
    for (const token of answer.tokens()) yield { data: pad({ index: 0, message: text(token) }), delta: true };
    yield { data: pad({ message: text(''), finishReason: answer.finish }), delta: false };
  } else {
    const call = (fields: Record<string, unknown>): Record<string, unknown> => ({ role: 'ASSISTANT', toolCalls: [{ type: 'FUNCTION', ...fields }] });
    // Parallel calls one after the other: a fragment with an id and a name starts the next call.
    for (const each of [tool, ...tool.alongside]) {
      yield { data: pad({ index: 0, message: call({ id: each.id, name: each.name }) }), delta: true };
      for (const piece of each.pieces) yield { data: pad({ index: 0, message: call({ arguments: piece }) }), delta: true };
    }
    yield { data: pad({ message: call({ arguments: '' }), finishReason: 'tool_calls' }), delta: false };
  }
  if (input.includeUsage) yield { data: pad({ usage: genericUsage(answer, tool) }), delta: false };
  if (sendDone) yield { data: '[DONE]', delta: false };
}

/**
 * The non-streaming GENERIC chat response.
 *
 * @example
 * genericResponse(input, answer, undefined, new Date());
 * // { modelId, modelVersion: '1.0.0', chatResponse: { apiFormat: 'GENERIC', timeCreated, choices: [{ index: 0, message, finishReason: 'stop' }], usage } }
 */
export function genericResponse(input: ChatInput, answer: Answer, tool: ToolCallPlan | undefined, now: Date): Record<string, unknown> {
  const message: Record<string, unknown> = { role: 'ASSISTANT' };
  if (tool === undefined) {
    message['content'] = [{ type: 'TEXT', text: answer.text() }];
    if (answer.reasoningCount > 0) message['reasoningContent'] = answer.reasoningText();
  } else {
    message['toolCalls'] = [tool, ...tool.alongside].map((call) => ({ type: 'FUNCTION', id: call.id, name: call.name, arguments: call.arguments }));
  }
  const finishReason = tool === undefined ? answer.finish : 'tool_calls';
  return {
    modelId: input.model.id,
    modelVersion: '1.0.0',
    chatResponse: {
      apiFormat: 'GENERIC',
      timeCreated: now.toISOString(),
      choices: [{ index: 0, message, finishReason }],
      usage: genericUsage(answer, tool),
    },
  };
}

/**
 * GENERIC as a chat format writer; Meta models end the stream with `data: [DONE]`.
 *
 * @example
 * genericChat.endsWithDone(modelNamed('meta.llama-3.3-70b-instruct')); // true
 */
export const genericChat: ChatFormatWriter = {
  endsWithDone: (model) => model.endsWithDone,
  plansToolCalls: true,
  events: genericEvents,
  response: genericResponse,
};
