import type { ChatFormatWriter } from '../ChatFormatWriter.js';
import type { Answer } from '../../answers/planAnswer.js';
import type { ChatInput } from '../ChatInput.js';
import { createPadder } from '../createPadder.js';
import { genericUsage } from '../generic/genericChat.js';
import type { ToolCallPlan } from '../../answers/planToolCall.js';
import type { StreamItem } from '../../stream/sendEventStream.js';

const finishReason = (answer: Answer): string => (answer.finish === 'length' ? 'MAX_TOKENS' : 'COMPLETE');

/**
 * The COHERE chat stream: `{"apiFormat":"COHERE","text":…}` deltas, or one `toolCalls`
 * event, then the finish event that REPEATS THE WHOLE TEXT next to `chatHistory` and
 * `finishReason` (COMPLETE, or MAX_TOKENS when cut). `[DONE]` only when `sendDone`.
 *
 * @example
 * [...cohereEvents(input, answer, undefined, false)].at(-1)?.data;
 * // '{"apiFormat":"COHERE","text":"Hi there","chatHistory":[…],"finishReason":"COMPLETE","pad":"a"}'
 */
export function* cohereEvents(input: ChatInput, answer: Answer, tool: ToolCallPlan | undefined, sendDone: boolean): Generator<StreamItem> {
  const pad = createPadder(answer.seed);
  if (tool === undefined) {
    // The finish event needs the whole text: keep the tokens as they go out.
    const sent: string[] = [];
    for (const token of answer.tokens()) {
      sent.push(token);
      yield { data: pad({ apiFormat: 'COHERE', text: token }), delta: true };
    }
    const text = sent.join('');
    const chatHistory = [...input.cohereHistory, { role: 'CHATBOT', message: text }];
    yield { data: pad({ apiFormat: 'COHERE', text, chatHistory, finishReason: finishReason(answer) }), delta: false };
  } else {
    const toolCalls = [{ name: tool.name, parameters: tool.parameters }];
    yield { data: pad({ apiFormat: 'COHERE', toolCalls }), delta: true };
    const chatHistory = [...input.cohereHistory, { role: 'CHATBOT', message: '', toolCalls }];
    yield { data: pad({ apiFormat: 'COHERE', text: '', chatHistory, toolCalls, finishReason: 'COMPLETE' }), delta: false };
  }
  if (sendDone) yield { data: '[DONE]', delta: false };
}

/**
 * The non-streaming COHERE chat response.
 *
 * @example
 * cohereResponse(input, answer, undefined);
 * // { modelId, modelVersion: '1.0.0', chatResponse: { apiFormat: 'COHERE', text, chatHistory, finishReason: 'COMPLETE', usage } }
 */
export function cohereResponse(input: ChatInput, answer: Answer, tool: ToolCallPlan | undefined): Record<string, unknown> {
  const text = tool === undefined ? answer.text() : '';
  const toolCalls = tool === undefined ? undefined : [{ name: tool.name, parameters: tool.parameters }];
  const reply: Record<string, unknown> = { role: 'CHATBOT', message: text };
  if (toolCalls !== undefined) reply['toolCalls'] = toolCalls;
  const chatResponse: Record<string, unknown> = {
    apiFormat: 'COHERE',
    text,
    chatHistory: [...input.cohereHistory, reply],
    finishReason: tool === undefined ? finishReason(answer) : 'COMPLETE',
    usage: genericUsage(answer, tool),
  };
  if (toolCalls !== undefined) chatResponse['toolCalls'] = toolCalls;
  return { modelId: input.model.id, modelVersion: '1.0.0', chatResponse };
}

/**
 * COHERE as a chat format writer; its stream never ends with `data: [DONE]`.
 *
 * @example
 * cohereChat.endsWithDone(modelNamed('cohere.command-r-08-2024')); // false
 */
export const cohereChat: ChatFormatWriter = {
  endsWithDone: () => false,
  plansToolCalls: true,
  events: cohereEvents,
  response: (input, answer, tool) => cohereResponse(input, answer, tool),
};
