import { ServiceError } from '../../server/ServiceError.js';
import { modelNamed, requireChatFormat, type Model } from '../modelCatalog.js';
import type { Turn } from '../../answers/planAnswer.js';
import { openAiDialect, readMessages } from '../readMessages.js';
import { checkNumbers, isRecord, optionalBoolean, optionalRecord, optionalTokenLimit, requiredText } from '../requestChecks.js';

/** A checked OpenAI-style chat completions request. */
export interface OpenAiInput {
  /** The `model` as sent (echoed in every chunk). */
  readonly modelName: string;
  readonly model: Model;
  readonly stream: boolean;
  readonly includeUsage: boolean;
  readonly conversation: readonly Turn[];
  readonly maxTokens: number | undefined;
}

/**
 * Checks a `/openai/v1/chat/completions` body: `model` (a GENERIC-family OCI model id),
 * `messages` (string or `[{type: 'text', text}]` content), `stream`,
 * `stream_options.include_usage`, `max_completion_tokens` or `max_tokens`. The turns it
 * returns equal those of a GENERIC request with the same content, so both routes answer
 * alike.
 *
 * @example
 * parseOpenAiRequest({ model: 'meta.llama-3.3-70b-instruct', messages: [{ role: 'user', content: 'Hi' }] }).conversation;
 * // [{ role: 'USER', text: 'Hi' }]
 */
export function parseOpenAiRequest(json: unknown): OpenAiInput {
  if (!isRecord(json)) throw new ServiceError('The request body must be a JSON object.', { status: 400, code: 'InvalidParameter' });
  const modelName = requiredText(json, 'model', 'body');
  const model = modelNamed(modelName);
  requireChatFormat(model, 'GENERIC');
  checkNumbers(json, ['temperature', 'top_p', 'frequency_penalty', 'presence_penalty', 'seed', 'n'], 'body');
  const streamOptions = optionalRecord(json, 'stream_options', 'body');
  return {
    modelName,
    model,
    stream: optionalBoolean(json, 'stream', 'body') ?? false,
    includeUsage: streamOptions === undefined ? false : (optionalBoolean(streamOptions, 'include_usage', 'body.stream_options') ?? false),
    conversation: readMessages(json['messages'], 'body.messages', openAiDialect),
    maxTokens: optionalTokenLimit(json, 'max_completion_tokens', 'body') ?? optionalTokenLimit(json, 'max_tokens', 'body'),
  };
}
