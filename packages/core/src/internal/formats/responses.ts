import type { ChatMessage, ChatRequest } from '../../chatRequest.js';
import { InvalidRequestError } from '../../errors.js';
import { conversation } from '../chatBody.js';
import type { FrameDecoder, OpenAiWireFormat, WireFrame } from './WireFormat.js';
import { numberField, objectField, stringField } from '../frames/wireFields.js';
import type { ToolCallFragment } from '../frames/ToolCallAssembler.js';
import { ToolCallAssembler } from '../frames/ToolCallAssembler.js';
import { errorFinishEvent, finishEvent } from '../frames/finishEvent.js';
import { definedOnly } from '../bodyFields.js';
import { emitOpenAiUsage } from './chatCompletions.js';
import { checkedTools, checkOpenAiRequest, completionLimit, openAiToolChoice } from './openAiRequest.js';


function inputItem(m: ChatMessage): Record<string, unknown> {
  if (m.role === 'tool') {
    if (m.toolCallId === undefined) throw new InvalidRequestError('a tool message needs the toolCallId of the call it answers.', { field: 'messages' });
    return { type: 'function_call_output', call_id: m.toolCallId, output: m.content };
  }
  return { role: m.role, content: m.content };
}

/**
 * The JSON body of a streaming `/openai/v1/responses` call, in openai-node's
 * `ResponseCreateParamsStreaming` shape, checked before anything is sent. `system` becomes
 * `instructions`; tool results become `function_call_output` items; reasoning summaries are
 * asked for (`reasoning.summary: 'auto'`) whenever `reasoningEffort` is set.
 *
 * @throws {InvalidRequestError} for a field this route lacks (`topK`, `stop`, `seed`, the
 *   penalties, `thinking`), a dedicated endpoint OCID, an empty prompt.
 * @example
 * responsesBody({ model: 'openai.gpt-5-mini', system: 'Be brief.', prompt: 'Hi' })
 * // '{"model":"openai.gpt-5-mini","input":[{"role":"user","content":"Hi"}],"stream":true,"instructions":"Be brief."}'
 */
function responsesBody(request: ChatRequest): string {
  checkOpenAiRequest(request, {
    route: 'responses',
    unsupported: ['topK', 'stop', 'seed', 'frequencyPenalty', 'presencePenalty', 'thinking', 'includeUsage'],
  });
  const format = request.responseFormat;
  const tools = checkedTools(request);
  const text = definedOnly({
    verbosity: request.verbosity,
    format: format === undefined
      ? undefined
      : format.type === 'json-schema'
        ? definedOnly({ type: 'json_schema', name: format.name, description: format.description, schema: format.schema, strict: format.strict })
        : { type: format.type === 'text' ? 'text' : 'json_object' },
  });
  return JSON.stringify({
    model: request.model,
    input: conversation(request).map(inputItem),
    stream: true,
    ...definedOnly({
      instructions: request.system,
      max_output_tokens: completionLimit(request),
      temperature: request.temperature,
      top_p: request.topP,
      tools: tools?.map((t) => definedOnly({ type: 'function', name: t.name, description: t.description, parameters: t.parameters })),
      tool_choice: openAiToolChoice(request, (name) => ({ type: 'function', name })),
      parallel_tool_calls: request.parallelToolCalls,
      reasoning: request.reasoningEffort === undefined ? undefined : { effort: request.reasoningEffort, summary: 'auto' },
      text: Object.keys(text).length === 0 ? undefined : text,
      service_tier: request.serviceTier,
    }),
    ...request.raw,
  });
}

/**
 * OpenAI-compatible Responses frames (`/openai/v1/responses`, openai-node's `ResponseStreamEvent`),
 * read by their `type`: `response.output_text.delta` (text), `response.reasoning_summary_text.delta`
 * and `response.reasoning_text.delta` (reasoning), function calls from
 * `response.output_item.added` / `response.function_call_arguments.delta` / `.done` /
 * `response.output_item.done` (addressed by `output_index`, emitted at the item's `done`), and
 * the end: `response.completed`, `response.incomplete` (`incomplete_details.reason`),
 * `response.failed` (`response.error`) or an `error` event, each a finish event; usage follows.
 * Other types (`response.created`, `response.in_progress`, content parts) carry nothing new.
 */
function createResponsesDecoder(): FrameDecoder {
  const toolCalls = new ToolCallAssembler();
  let calledTools = false;
  const fragment = (frame: WireFrame, item?: WireFrame): ToolCallFragment => {
    return { index: numberField(frame, 'output_index'), id: stringField(item, 'call_id'), name: stringField(item, 'name') };
  };
  return {
    decode(frame, events) {
      switch (stringField(frame, 'type')) {
        case 'response.output_text.delta': {
          const text = stringField(frame, 'delta');
          if (text) events.text(text);
          return;
        }
        case 'response.reasoning_summary_text.delta':
        case 'response.reasoning_text.delta': {
          const text = stringField(frame, 'delta');
          if (text) events.next({ type: 'reasoning', text });
          return;
        }
        case 'response.output_item.added': {
          const item = objectField(frame, 'item');
          if (stringField(item, 'type') === 'function_call') toolCalls.add({ ...fragment(frame, item), arguments: stringField(item, 'arguments') });
          return;
        }
        case 'response.function_call_arguments.delta':
          toolCalls.add({ ...fragment(frame), arguments: stringField(frame, 'delta') });
          return;
        case 'response.output_item.done': {
          const item = objectField(frame, 'item');
          if (stringField(item, 'type') !== 'function_call') return;
          calledTools = true;
          toolCalls.complete({ ...fragment(frame, item), arguments: stringField(item, 'arguments') }, events);
          return;
        }
        case 'response.completed':
        case 'response.incomplete':
        case 'response.failed': {
          const response = objectField(frame, 'response');
          if (toolCalls.pending) calledTools = true;
          toolCalls.flush(events);
          const error = objectField(response, 'error');
          const incomplete = stringField(objectField(response, 'incomplete_details'), 'reason');
          if (error !== undefined || frame['type'] === 'response.failed') {
            events.next(errorFinishEvent(stringField(error, 'code') ?? 'failed', stringField(error, 'message') ?? 'The response failed.'));
          }
          else if (incomplete !== undefined) events.next(finishEvent(incomplete));
          else events.next(finishEvent(calledTools ? 'tool_calls' : stringField(response, 'status') ?? 'completed'));
          emitOpenAiUsage(response, events);
          return;
        }
        case 'error':
          toolCalls.flush(events);
          events.next(errorFinishEvent(stringField(frame, 'code') ?? 'error', stringField(frame, 'message') ?? 'The Responses stream reported an error.'));
          return;
        default:
          return;
      }
    },
  };
}

/**
 * The OpenAI-compatible Responses route, `/openai/v1/responses`, which Oracle recommends for new
 * apps: openai-node's `ResponseCreateParamsStreaming` body and `ResponseStreamEvent` frames.
 *
 * @example
 * ```ts
 * responses.body({ model: 'openai.gpt-5-mini', prompt: 'Hi' }); // '{"model":"openai.gpt-5-mini","input":[…],"stream":true}'
 * ```
 */
export const responses: OpenAiWireFormat = {
  route: 'responses',
  format: 'RESPONSES',
  path: '/openai/v1/responses',
  body: responsesBody,
  createDecoder: createResponsesDecoder,
};
