import { ServiceError } from '../../server/ServiceError.js';
import type { Model, Runtime } from '../modelCatalog.js';
import { readEnvelope } from '../readEnvelope.js';
import { checkNumbers, optionalArray, optionalBoolean, optionalTokenLimit, requiredText } from '../readFields.js';

/** A checked `/actions/generateText` request. */
export interface GenerateTextInput {
  readonly model: Model;
  readonly runtime: Runtime;
  readonly prompt: string;
  readonly stream: boolean;
  readonly maxTokens: number | undefined;
}

const path = 'inferenceRequest';

/**
 * Checks a generateText body: envelope, `runtimeType` COHERE or LLAMA and matching the
 * model (cohere.command* runs COHERE, meta.* runs LLAMA), a non-empty `prompt`, knob types.
 *
 * @example
 * parseGenerateTextRequest(JSON.parse(body)).runtime; // 'COHERE'
 */
export function parseGenerateTextRequest(json: unknown): GenerateTextInput {
  const { model, details } = readEnvelope(json, 'inferenceRequest');
  const runtime = details['runtimeType'];
  if (runtime === undefined) throw new ServiceError('inferenceRequest has no runtimeType (COHERE or LLAMA).', { status: 400, code: 'MissingParameter' });
  if (runtime !== 'COHERE' && runtime !== 'LLAMA') {
    throw new ServiceError(`inferenceRequest.runtimeType must be COHERE or LLAMA, not ${JSON.stringify(runtime)}.`, { status: 400, code: 'InvalidParameter' });
  }
  if (model.runtime === undefined) throw new ServiceError(`Model ${model.id} does not support generateText.`, { status: 400, code: 'InvalidParameter' });
  if (model.runtime !== runtime) {
    throw new ServiceError(`Model ${model.id} takes runtimeType ${model.runtime}, not ${runtime}.`, { status: 400, code: 'InvalidParameter' });
  }
  checkNumbers(details, ['temperature', 'topP', 'topK', 'frequencyPenalty', 'presencePenalty', 'numGenerations'], path);
  for (const key of ['stop', 'stopSequences']) {
    if ((optionalArray(details, key, path) ?? []).some((item) => typeof item !== 'string')) {
      throw new ServiceError(`${path}.${key} must be an array of strings.`, { status: 400, code: 'InvalidParameter' });
    }
  }
  return {
    model,
    runtime,
    prompt: requiredText(details, 'prompt', path),
    stream: optionalBoolean(details, 'isStream', path) ?? false,
    maxTokens: optionalTokenLimit(details, 'maxTokens', path),
  };
}
