import { ServiceError } from '../../server/ServiceError.js';
import { modelNamed, requireChatFormat, type Model } from '../modelCatalog.js';
import type { Turn } from '../../answers/planAnswer.js';
import { openAiDialect, readMessages } from '../readMessages.js';
import { openAiOptions, type OpenAiOptions } from './openAiOptions.js';
import { checkNumbers, isRecord, optionalBoolean, optionalRecord, optionalTokenLimit, requiredText } from '../readFields.js';

/** A checked OpenAI-style chat completions request. */
export interface OpenAiInput {
  /** The `model` as sent (echoed in every chunk). */
  readonly modelName: string;
  readonly model: Model;
  readonly stream: boolean;
  readonly includeUsage: boolean;
  readonly conversation: readonly Turn[];
  readonly maxTokens: number | undefined;
  readonly options: OpenAiOptions;
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
  if (model.refusesMaxTokens && json['max_tokens'] !== undefined) {
    throw new ServiceError(`Unsupported parameter: 'max_tokens' is not supported with ${model.id}. Use 'max_completion_tokens' instead.`, { status: 400, code: 'InvalidParameter' });
  }
  responseFormat(json['response_format'], 'body.response_format');
  return {
    modelName,
    model,
    stream: optionalBoolean(json, 'stream', 'body') ?? false,
    includeUsage: streamOptions === undefined ? false : (optionalBoolean(streamOptions, 'include_usage', 'body.stream_options') ?? false),
    conversation: readMessages(json['messages'], 'body.messages', openAiDialect),
    maxTokens: optionalTokenLimit(json, 'max_completion_tokens', 'body') ?? optionalTokenLimit(json, 'max_tokens', 'body'),
    options: openAiOptions(json, model, 'body', { nestedFunction: true, effort: json['reasoning_effort'], verbosity: json['verbosity'] }),
  };
}

/** `response_format`: `{type: 'text' | 'json_object'}` or `{type: 'json_schema', json_schema: {name, schema}}`. */
function responseFormat(value: unknown, path: string): void {
  if (value === undefined || value === null) return;
  const type = isRecord(value) ? value['type'] : undefined;
  if (type === 'text' || type === 'json_object') return;
  if (type !== 'json_schema') throw new ServiceError(`${path}.type must be text, json_object or json_schema.`, { status: 400, code: 'InvalidParameter' });
  const schema = optionalRecord(value as Record<string, unknown>, 'json_schema', path);
  if (schema === undefined || typeof schema['name'] !== 'string') throw new ServiceError(`${path}.json_schema needs a name and a schema.`, { status: 400, code: 'MissingParameter' });
}
