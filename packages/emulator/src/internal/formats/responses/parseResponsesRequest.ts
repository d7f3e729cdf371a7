import type { Turn } from '../../answers/planAnswer.js';
import { ServiceError } from '../../server/ServiceError.js';
import { modelNamed, requireChatFormat, type Model } from '../modelCatalog.js';
import { openAiOptions, type OpenAiOptions } from '../openAi/openAiOptions.js';
import { readMessages, type MessageDialect } from '../readMessages.js';
import { checkNumbers, isRecord, optionalBoolean, optionalRecord, optionalString, optionalTokenLimit, requiredText } from '../readFields.js';

/** A checked `/openai/v1/responses` request. */
export interface ResponsesInput {
  /** The `model` as sent (echoed in the response object). */
  readonly modelName: string;
  readonly model: Model;
  readonly stream: boolean;
  readonly conversation: readonly Turn[];
  readonly maxTokens: number | undefined;
  readonly options: OpenAiOptions;
  /** `reasoning.summary` was asked for: reasoning models then stream a reasoning summary. */
  readonly reasoningSummary: boolean;
}

const dialect: MessageDialect = {
  format: 'the Responses route',
  roles: ['user', 'assistant', 'system', 'developer', 'tool'],
  textType: 'input_text',
  stringContent: true,
};

/**
 * Checks a `/openai/v1/responses` body (openai-node's `ResponseCreateParams`): `model` (a
 * GENERIC-family OCI model id), `input` (a string, or message items with string or
 * `input_text` content, and `function_call_output` items), `instructions`, `stream`,
 * `max_output_tokens`, `reasoning.effort` and `.summary`, `text.format` and `.verbosity`,
 * tools and the shared options. Turns equal those of a GENERIC request with the same content.
 *
 * @example
 * parseResponsesRequest({ model: 'openai.gpt-5-mini', input: 'Hi', instructions: 'Be brief.' }).conversation;
 * // [{ role: 'SYSTEM', text: 'Be brief.' }, { role: 'USER', text: 'Hi' }]
 */
export function parseResponsesRequest(json: unknown): ResponsesInput {
  if (!isRecord(json)) throw new ServiceError('The request body must be a JSON object.', { status: 400, code: 'InvalidParameter' });
  const modelName = requiredText(json, 'model', 'body');
  const model = modelNamed(modelName);
  requireChatFormat(model, 'GENERIC');
  checkNumbers(json, ['temperature', 'top_p'], 'body');
  for (const key of ['max_tokens', 'max_completion_tokens', 'messages']) {
    if (json[key] !== undefined) throw new ServiceError(`Unsupported parameter: '${key}' belongs to chat completions; the Responses route takes ${key === 'messages' ? "'input'" : "'max_output_tokens'"}.`, { status: 400, code: 'InvalidParameter' });
  }
  const reasoning = optionalRecord(json, 'reasoning', 'body');
  const text = optionalRecord(json, 'text', 'body');
  textFormat(text === undefined ? undefined : optionalRecord(text, 'format', 'body.text'));
  const instructions = optionalString(json, 'instructions', 'body');
  const turns = readMessages(inputMessages(json['input']), 'body.input', dialect);
  return {
    modelName,
    model,
    stream: optionalBoolean(json, 'stream', 'body') ?? false,
    conversation: instructions === undefined ? turns : [{ role: 'SYSTEM', text: instructions }, ...turns],
    maxTokens: optionalTokenLimit(json, 'max_output_tokens', 'body'),
    options: openAiOptions(json, model, 'body', { nestedFunction: false, effort: reasoning?.['effort'], verbosity: text?.['verbosity'] }),
    reasoningSummary: reasoning !== undefined && typeof reasoning['summary'] === 'string',
  };
}

/** `input` as messages: a string is one user message; tool results become `tool` messages; the model's own items are skipped. */
function inputMessages(input: unknown): unknown {
  if (input === undefined || input === null) throw new ServiceError('The request has no body.input.', { status: 400, code: 'MissingParameter' });
  if (typeof input === 'string') return [{ role: 'user', content: input }];
  if (!Array.isArray(input)) throw new ServiceError('body.input must be a string or an array.', { status: 400, code: 'InvalidParameter' });
  return (input as unknown[])
    .filter((item) => !(isRecord(item) && (item['type'] === 'function_call' || item['type'] === 'reasoning')))
    .map((item: unknown, index): unknown => {
      if (!isRecord(item) || item['type'] !== 'function_call_output') return item;
      if (typeof item['call_id'] !== 'string') throw new ServiceError(`body.input[${index}] has no call_id.`, { status: 400, code: 'MissingParameter' });
      return { role: 'tool', content: typeof item['output'] === 'string' ? item['output'] : JSON.stringify(item['output']) };
    });
}

/** `text.format`: `{type: 'text' | 'json_object'}` or `{type: 'json_schema', name, schema}`. */
function textFormat(format: Record<string, unknown> | undefined): void {
  if (format === undefined) return;
  const type = format['type'];
  if (type === 'text' || type === 'json_object') return;
  if (type !== 'json_schema') throw new ServiceError('body.text.format.type must be text, json_object or json_schema.', { status: 400, code: 'InvalidParameter' });
  if (typeof format['name'] !== 'string' || !isRecord(format['schema'])) {
    throw new ServiceError('body.text.format needs a name and a schema for json_schema.', { status: 400, code: 'MissingParameter' });
  }
}
