import type { ChatMessage, ChatRequest } from '../../chatRequest.js';
import { InvalidRequestError } from '../../errors.js';
import type { Usage } from '../../events.js';
import { conversation } from '../chatBody.js';
import type { FrameEvents, FrameDecoder, OpenAiWireFormat, WireFrame } from './WireFormat.js';
import { arrayField, field, numberField, objectField, stringField } from '../frames/wireFields.js';
import { ToolCallAssembler } from '../frames/ToolCallAssembler.js';
import { errorFinishEvent, finishEvent } from '../frames/finishEvent.js';
import { definedOnly } from '../bodyFields.js';
import { checkedTools, checkOpenAiRequest, completionLimit, openAiToolChoice } from './openAiRequest.js';


function message(m: ChatMessage): Record<string, unknown> {
  if (m.role === 'tool') {
    if (m.toolCallId === undefined) throw new InvalidRequestError('a tool message needs the toolCallId of the call it answers.', { field: 'messages' });
    return { role: 'tool', content: m.content, tool_call_id: m.toolCallId };
  }
  if (m.role === 'assistant' && m.toolCalls?.length) {
    const tool_calls = m.toolCalls.map((call) => ({ id: call.id, type: 'function', function: { name: call.name, arguments: call.arguments } }));
    return { role: 'assistant', content: m.content === '' ? null : m.content, tool_calls };
  }
  return { role: m.role, content: m.content };
}

const RESPONSE_FORMAT = { text: 'text', 'json-object': 'json_object', 'json-schema': 'json_schema' } as const;

/**
 * The JSON body of a streaming `/openai/v1/chat/completions` call, in openai-node's
 * `ChatCompletionCreateParamsStreaming` shape, checked before anything is sent.
 *
 * @throws {InvalidRequestError} for a field this route lacks (`topK`, `thinking`), a dedicated
 *   endpoint OCID, an empty prompt, a tool message without its call id.
 * @example
 * chatCompletionsBody({ model: 'openai.gpt-5-mini', prompt: 'Hi', maxTokens: 100 })
 * // '{"model":"openai.gpt-5-mini","messages":[{"role":"user","content":"Hi"}],"stream":true,"stream_options":{"include_usage":true},"max_completion_tokens":100}'
 */
function chatCompletionsBody(request: ChatRequest): string {
  checkOpenAiRequest(request, { route: 'chat-completions', unsupported: ['topK', 'thinking'] });
  const messages = conversation(request);
  const all = request.system === undefined ? messages : [{ role: 'system' as const, content: request.system }, ...messages];
  const format = request.responseFormat;
  const tools = checkedTools(request);
  return JSON.stringify({
    model: request.model,
    messages: all.map(message),
    stream: true,
    ...(request.includeUsage === false ? {} : { stream_options: { include_usage: true } }),
    ...definedOnly({
      max_completion_tokens: completionLimit(request),
      temperature: request.temperature,
      top_p: request.topP,
      frequency_penalty: request.frequencyPenalty,
      presence_penalty: request.presencePenalty,
      stop: request.stop,
      seed: request.seed,
      tools: tools?.map((t) => ({ type: 'function', function: definedOnly({ name: t.name, description: t.description, parameters: t.parameters }) })),
      tool_choice: openAiToolChoice(request, (name) => ({ type: 'function', function: { name } })),
      parallel_tool_calls: request.parallelToolCalls,
      reasoning_effort: request.reasoningEffort,
      verbosity: request.verbosity,
      service_tier: request.serviceTier,
      response_format: format === undefined
        ? undefined
        : format.type === 'json-schema'
          ? { type: 'json_schema', json_schema: definedOnly({ name: format.name, description: format.description, schema: format.schema, strict: format.strict }) }
          : { type: RESPONSE_FORMAT[format.type] },
    }),
    ...request.raw,
  });
}

/**
 * OpenAI-compatible `chat.completion.chunk` frames (`/openai/v1/chat/completions`, openai-node's
 * `ChatCompletionChunk`): `choices[0].delta` with `content`, `reasoning_content` and
 * `tool_calls[]` deltas addressed by `index`; `finish_reason`; a last chunk with `choices: []`
 * and `usage` when `stream_options.include_usage` was asked for; an `error` object mid-stream.
 * The client asks for one choice, so only choice 0 is read.
 */
function createChatCompletionsDecoder(): FrameDecoder {
  const toolCalls = new ToolCallAssembler();
  return {
    decode(frame, events) {
      for (const choice of arrayField(frame, 'choices')) {
        const index = field(choice, 'index');
        if (index !== undefined && index !== 0) continue;
        const delta = objectField(choice, 'delta');
        const reasoning = stringField(delta, 'reasoning_content');
        if (reasoning) events.next({ type: 'reasoning', text: reasoning });
        const text = stringField(delta, 'content');
        if (text) events.text(text);
        for (const call of arrayField(delta, 'tool_calls')) {
          const fn = objectField(call, 'function');
          toolCalls.add({
            index: numberField(call, 'index'),
            id: stringField(call, 'id'),
            name: stringField(fn, 'name'),
            arguments: stringField(fn, 'arguments'),
          });
        }
        const reason = stringField(choice, 'finish_reason');
        if (reason !== undefined) {
          toolCalls.flush(events);
          events.next(finishEvent(reason));
        }
      }
      const error = objectField(frame, 'error');
      if (error !== undefined) {
        toolCalls.flush(events);
        events.next(errorFinishEvent(stringField(error, 'code') ?? 'error', stringField(error, 'message') ?? JSON.stringify(error)));
      }
      emitOpenAiUsage(frame, events);
    },
  };
}

/**
 * A usage event from OpenAI-style usage (`prompt_tokens`, `completion_tokens`, `total_tokens`,
 * `completion_tokens_details.reasoning_tokens`; Responses: `input_tokens`, `output_tokens`,
 * `output_tokens_details.reasoning_tokens`).
 */
export function emitOpenAiUsage(holder: WireFrame | undefined, events: FrameEvents): void {
  const usage = objectField(holder, 'usage');
  if (usage === undefined) return;
  const counts: { -readonly [K in keyof Usage]: number } = {};
  const set = (key: keyof Usage, value: unknown): void => {
    if (typeof value === 'number') counts[key] = value;
  };
  set('promptTokens', usage['prompt_tokens'] ?? usage['input_tokens']);
  set('completionTokens', usage['completion_tokens'] ?? usage['output_tokens']);
  set('totalTokens', usage['total_tokens']);
  set('reasoningTokens', field(objectField(usage, 'completion_tokens_details') ?? objectField(usage, 'output_tokens_details'), 'reasoning_tokens'));
  events.next({ type: 'usage', usage: counts });
}

/**
 * The OpenAI-compatible chat completions route, `/openai/v1/chat/completions`: openai-node's
 * `ChatCompletionCreateParamsStreaming` body and `ChatCompletionChunk` frames.
 *
 * @example
 * ```ts
 * chatCompletions.body({ model: 'openai.gpt-5-mini', prompt: 'Hi' }); // '{"model":"openai.gpt-5-mini","messages":[…],"stream":true,…}'
 * ```
 */
export const chatCompletions: OpenAiWireFormat = {
  route: 'chat-completions',
  format: 'CHAT_COMPLETIONS',
  path: '/openai/v1/chat/completions',
  body: chatCompletionsBody,
  createDecoder: createChatCompletionsDecoder,
};
