import type { ChatMessage, ChatRequest } from '../chatRequest.js';
import { InvalidRequestError } from '../errors.js';
import type { ApiFormat } from '../events.js';
import { chatFormatsFor } from '../modelFamily.js';
import { chatFormatNamed, chatFormatNames, chatFormats, defaultChatFormat } from './formats/index.js';
import { checkNumber, definedOnly, requireText } from './bodyFields.js';
import { servingMode } from './servingMode.js';

/** `A, B or C`. */
function anyOf(names: readonly string[]): string {
  return names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}

/** The format to use for a request: the explicit one (checked against the model family) or the family's. */
export function chatFormat(request: ChatRequest): ApiFormat {
  const accepted = chatFormatsFor(request.model);
  if (request.format === undefined) return accepted?.[0] ?? defaultChatFormat;
  if (chatFormatNamed(request.format) === undefined) {
    throw new InvalidRequestError(`"${String(request.format)}" is not a chat format. Use ${anyOf(chatFormatNames)}.`, { field: 'format' });
  }
  if (accepted !== undefined && !accepted.includes(request.format)) {
    throw new InvalidRequestError(
      `${request.model} does not take the ${request.format} format. Use ${accepted.join(' or ')}, or leave format out.`,
      { field: 'format' },
    );
  }
  return request.format;
}

/** The conversation as a list, the prompt appended as the last user message. */
export function conversation(request: ChatRequest): ChatMessage[] {
  const messages = [...(request.messages ?? [])];
  if (request.prompt !== undefined) messages.push({ role: 'user', content: requireText('prompt', request.prompt, 'Pass a non-empty prompt.') });
  if (messages.length === 0) {
    throw new InvalidRequestError('the request has no prompt and no messages. Pass a non-empty prompt or at least one message.', { field: 'prompt' });
  }
  messages.forEach((message, i) => {
    // An assistant turn that only called tools has no text.
    if (message.role === 'assistant' && message.toolCalls !== undefined && message.toolCalls.length > 0 && message.content === '') return;
    requireText(`messages[${i}].content`, message.content, 'Every message needs text.');
  });
  return messages;
}

/**
 * The JSON body of a streaming chat call, validated before anything is sent. The envelope and
 * the sampling knobs are shared; the format's own fields come from its file in `formats/`.
 *
 * @throws {InvalidRequestError} for an empty prompt, an unknown format, a model family that does
 *   not take the format, or sampling options that are not numbers.
 * @example
 * ```ts
 * chatBody({ model: 'meta.llama-3.3-70b-instruct', prompt: 'Hi' }, compartmentId).format; // 'GENERIC'
 * ```
 */
export function chatBody(request: ChatRequest, compartmentId: string): { body: string; format: ApiFormat } {
  requireText('model', request.model, 'Pass a model id such as meta.llama-3.3-70b-instruct or a dedicated endpoint OCID.');
  const format = chatFormat(request);
  for (const field of ['maxTokens', 'maxCompletionTokens', 'temperature', 'topP', 'topK', 'frequencyPenalty', 'presencePenalty', 'seed'] as const) {
    checkNumber(field, request[field]);
  }
  const fields = chatFormats[format].bodyFields({
    request,
    messages: conversation(request),
    tools: request.tools?.length ? request.tools : undefined,
  });
  const chatRequest = {
    apiFormat: format,
    isStream: true,
    ...fields,
    // A format that sends maxTokens under another name for this model got it in its own fields.
    ...definedOnly({ maxTokens: chatFormats[format].takesMaxTokens(request.model) ? request.maxTokens : undefined, temperature: request.temperature, topP: request.topP, topK: request.topK, seed: request.seed }),
    ...request.raw,
  };
  return { body: JSON.stringify({ compartmentId, servingMode: servingMode(request.model), chatRequest }), format };
}
