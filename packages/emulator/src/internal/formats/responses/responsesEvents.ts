import { randomBytes } from 'node:crypto';
import type { Answer } from '../../answers/planAnswer.js';
import type { ToolCallPlan } from '../../answers/planToolCall.js';
import type { StreamItem } from '../../stream/sendEventStream.js';
import type { ResponsesInput } from './parseResponsesRequest.js';

/** One answer's ids and output items, shared by the stream and the JSON response. */
interface ResponsePlan {
  readonly id: string;
  readonly createdAt: number;
  readonly reasoningId: string;
  readonly messageId: string;
  readonly callItemId: string;
  readonly withReasoning: boolean;
}

function plan(input: ResponsesInput, answer: Answer, tool: ToolCallPlan | undefined, now: Date): ResponsePlan {
  const hex = (): string => randomBytes(12).toString('hex');
  return {
    id: `resp_${hex()}`,
    createdAt: Math.floor(now.getTime() / 1000),
    reasoningId: `rs_${hex()}`,
    messageId: `msg_${hex()}`,
    callItemId: `fc_${hex()}`,
    withReasoning: tool === undefined && answer.reasoningCount > 0 && input.reasoningSummary,
  };
}

function usage(answer: Answer, tool: ToolCallPlan | undefined): Record<string, unknown> {
  const output = tool === undefined ? answer.completionTokens : tool.pieces.length + 1;
  return {
    input_tokens: answer.promptTokens,
    input_tokens_details: { cached_tokens: 0 },
    output_tokens: output,
    output_tokens_details: { reasoning_tokens: tool === undefined ? answer.reasoningCount : 0 },
    total_tokens: answer.promptTokens + output,
  };
}

function outputItems(p: ResponsePlan, answer: Answer, tool: ToolCallPlan | undefined): Record<string, unknown>[] {
  const items: Record<string, unknown>[] = [];
  if (p.withReasoning) items.push({ id: p.reasoningId, type: 'reasoning', summary: [{ type: 'summary_text', text: answer.reasoningText() }] });
  if (tool !== undefined) {
    items.push({ id: p.callItemId, type: 'function_call', status: 'completed', call_id: tool.id, name: tool.name, arguments: tool.arguments });
  } else {
    const text = answer.text();
    items.push({ id: p.messageId, type: 'message', status: 'completed', role: 'assistant', content: [{ type: 'output_text', text, annotations: [] }] });
  }
  return items;
}

function responseObject(input: ResponsesInput, p: ResponsePlan, fields: Record<string, unknown>): Record<string, unknown> {
  return { id: p.id, object: 'response', created_at: p.createdAt, model: input.modelName, output: [], error: null, incomplete_details: null, ...fields };
}

/**
 * The Responses stream as openai-node's `ResponseStreamEvent`s, each named by an `event:` line
 * and numbered by `sequence_number`: `response.created`, `response.in_progress`; a reasoning
 * item (summary deltas) when the model reasons and a summary was asked for; then either the
 * message item (`response.output_text.delta` per token) or a `function_call` item (argument
 * deltas); and `response.completed` with usage, or `response.incomplete` with
 * `incomplete_details.reason: 'max_output_tokens'` when the limit cut the answer.
 *
 * @example
 * [...responsesEvents(input, answer, undefined, new Date())].at(-1)?.event; // 'response.completed'
 */
export function* responsesEvents(input: ResponsesInput, answer: Answer, tool: ToolCallPlan | undefined, now: Date): Generator<StreamItem> {
  const p = plan(input, answer, tool, now);
  let sequence = 0;
  const event = (type: string, fields: Record<string, unknown>, delta = false): StreamItem => ({
    event: type,
    data: JSON.stringify({ type, sequence_number: sequence++, ...fields }),
    delta,
  });
  yield event('response.created', { response: responseObject(input, p, { status: 'in_progress' }) });
  yield event('response.in_progress', { response: responseObject(input, p, { status: 'in_progress' }) });
  let outputIndex = 0;
  if (p.withReasoning) {
    const item = { id: p.reasoningId, type: 'reasoning', summary: [] };
    yield event('response.output_item.added', { output_index: outputIndex, item });
    yield event('response.reasoning_summary_part.added', { item_id: p.reasoningId, output_index: outputIndex, summary_index: 0, part: { type: 'summary_text', text: '' } });
    for (const delta of answer.reasoningTokens()) {
      yield event('response.reasoning_summary_text.delta', { item_id: p.reasoningId, output_index: outputIndex, summary_index: 0, delta }, true);
    }
    const text = answer.reasoningText();
    yield event('response.reasoning_summary_text.done', { item_id: p.reasoningId, output_index: outputIndex, summary_index: 0, text });
    yield event('response.output_item.done', { output_index: outputIndex, item: { ...item, summary: [{ type: 'summary_text', text }] } });
    outputIndex++;
  }
  if (tool !== undefined) {
    const item = { id: p.callItemId, type: 'function_call', status: 'in_progress', call_id: tool.id, name: tool.name, arguments: '' };
    yield event('response.output_item.added', { output_index: outputIndex, item });
    for (const delta of tool.pieces) yield event('response.function_call_arguments.delta', { item_id: p.callItemId, output_index: outputIndex, delta }, true);
    yield event('response.function_call_arguments.done', { item_id: p.callItemId, output_index: outputIndex, arguments: tool.arguments });
    yield event('response.output_item.done', { output_index: outputIndex, item: { ...item, status: 'completed', arguments: tool.arguments } });
  } else {
    const item = { id: p.messageId, type: 'message', status: 'in_progress', role: 'assistant', content: [] };
    const at = { item_id: p.messageId, output_index: outputIndex, content_index: 0 };
    yield event('response.output_item.added', { output_index: outputIndex, item });
    yield event('response.content_part.added', { ...at, part: { type: 'output_text', text: '', annotations: [] } });
    for (const delta of answer.tokens()) yield event('response.output_text.delta', { ...at, delta, logprobs: [] }, true);
    const text = answer.text();
    const part = { type: 'output_text', text, annotations: [] };
    yield event('response.output_text.done', { ...at, text, logprobs: [] });
    yield event('response.content_part.done', { ...at, part });
    yield event('response.output_item.done', { output_index: outputIndex, item: { ...item, status: 'completed', content: [part] } });
  }
  yield final(input, answer, tool, p, event);
}

function final(
  input: ResponsesInput,
  answer: Answer,
  tool: ToolCallPlan | undefined,
  p: ResponsePlan,
  event: (type: string, fields: Record<string, unknown>) => StreamItem,
): StreamItem {
  const cut = tool === undefined && answer.finish === 'length';
  const response = responseObject(input, p, {
    status: cut ? 'incomplete' : 'completed',
    incomplete_details: cut ? { reason: 'max_output_tokens' } : null,
    output: outputItems(p, answer, tool),
    usage: usage(answer, tool),
  });
  return event(cut ? 'response.incomplete' : 'response.completed', { response });
}

/**
 * The non-streaming Responses object (`status`, `output` items, `usage`).
 *
 * @example
 * responsesResponse(input, answer, undefined, new Date()).status; // 'completed'
 */
export function responsesResponse(input: ResponsesInput, answer: Answer, tool: ToolCallPlan | undefined, now: Date): Record<string, unknown> {
  const p = plan(input, answer, tool, now);
  const cut = tool === undefined && answer.finish === 'length';
  return responseObject(input, p, {
    status: cut ? 'incomplete' : 'completed',
    incomplete_details: cut ? { reason: 'max_output_tokens' } : null,
    output: outputItems(p, answer, tool),
    usage: usage(answer, tool),
  });
}
