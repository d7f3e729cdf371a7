import type { ChatMessage, ChatRequest } from './chatRequest.js';
import { InvalidRequestError } from './errors.js';
import { chatFormatsFor } from './modelFamily.js';
import { chatFormats } from './internal/formats/index.js';

/**
 * The user turn that asks a COHERE model to go on: that format must end on a user message, so
 * the partial answer goes into the chat history and this asks for the rest (every format whose
 * `continuesAssistantText` is false). GENERIC and COHEREV2 take a trailing assistant message,
 * which the model continues as it stands.
 */
export const CONTINUE_INSTRUCTION =
  'Continue your previous answer exactly where it stopped, without repeating any of it.';

/**
 * The request that asks for the rest of an answer that broke off: the same request, with the
 * conversation so far (the prompt becomes the last user message), then the text already
 * shown as a trailing assistant message. For COHERE, which must end on a user message, the
 * partial answer goes into the chat history and {@link CONTINUE_INSTRUCTION} follows it.
 * The `opcRequestId` is dropped, so that the continuation gets its own.
 *
 * @param request The request whose answer broke off.
 * @param partialText The answer text already shown (never empty).
 * @returns A new request; `request` is not changed.
 *
 * @example
 * ```ts
 * continueAnswer({ model: 'meta.llama-3.3-70b-instruct', prompt: 'Tell me a joke.' }, 'Why did')
 * // { model: 'meta.llama-3.3-70b-instruct', messages: [
 * //   { role: 'user', content: 'Tell me a joke.' }, { role: 'assistant', content: 'Why did' }] }
 * ```
 */
export function continueAnswer(request: ChatRequest, partialText: string): ChatRequest {
  if (typeof partialText !== 'string' || partialText === '') {
    throw new InvalidRequestError('there is no partial answer to continue. Pass the text already shown, or send the request again.', { field: 'partialText' });
  }
  const { prompt, opcRequestId: _dropped, ...rest } = request;
  const messages: ChatMessage[] = [...(request.messages ?? [])];
  if (prompt !== undefined) messages.push({ role: 'user', content: prompt });
  messages.push({ role: 'assistant', content: partialText });
  const format = request.format ?? chatFormatsFor(request.model)?.[0];
  if (format !== undefined && !chatFormats[format].continuesAssistantText) messages.push({ role: 'user', content: CONTINUE_INSTRUCTION });
  return { ...rest, messages };
}
