import type { ApiFormat, GenerateTextRuntime } from './events.js';
import { chatFormatNames, chatFormats, generateText } from './internal/formats/index.js';

/** The prefix of a dedicated AI cluster endpoint OCID: such a model id means DEDICATED serving. */
const DEDICATED_ENDPOINT_PREFIX = 'ocid1.generativeaiendpoint';

/**
 * True when `model` is a dedicated endpoint OCID rather than an on-demand model id.
 *
 * @example
 * ```ts
 * isDedicatedEndpoint('ocid1.generativeaiendpoint.oc1.us-chicago-1.amaaa…') // true
 * isDedicatedEndpoint('meta.llama-3.3-70b-instruct') // false
 * ```
 */
export function isDedicatedEndpoint(model: string): boolean {
  return model.startsWith(DEDICATED_ENDPOINT_PREFIX);
}

/**
 * The chat formats a model family accepts, the preferred first; `undefined` when the model
 * id does not tell (dedicated endpoints, unknown vendors).
 *
 * @example
 * ```ts
 * chatFormatsFor('cohere.command-r-plus-08-2024') // ['COHERE']
 * chatFormatsFor('cohere.command-a-03-2025')      // ['COHEREV2', 'COHERE']
 * chatFormatsFor('meta.llama-3.3-70b-instruct')   // ['GENERIC']
 * ```
 */
export function chatFormatsFor(model: string): readonly ApiFormat[] | undefined {
  if (isDedicatedEndpoint(model)) return undefined;
  const preferred = chatFormatNames.filter((name) => chatFormats[name].familyFit(model) === 'preferred');
  const accepted = chatFormatNames.filter((name) => chatFormats[name].familyFit(model) === 'accepted');
  return preferred.length + accepted.length === 0 ? undefined : [...preferred, ...accepted];
}

/**
 * The generateText runtime of a model family; `undefined` when the model id does not tell.
 *
 * @example
 * ```ts
 * generateTextRuntimeFor('cohere.command') // 'COHERE'
 * generateTextRuntimeFor('meta.llama-2-70b-chat') // 'LLAMA'
 * ```
 */
export function generateTextRuntimeFor(model: string): GenerateTextRuntime | undefined {
  return generateText.runtimeFor(model);
}

/**
 * True for the model families that refuse `maxTokens` and take only `maxCompletionTokens`
 * (OpenAI's reasoning models: openai.gpt-5 and its variants, openai.o1/o3/o4). The client sends
 * a `maxTokens` of theirs as `maxCompletionTokens`.
 *
 * @example
 * ```ts
 * refusesMaxTokens('openai.gpt-5-mini') // true
 * refusesMaxTokens('meta.llama-3.3-70b-instruct') // false
 * ```
 */
export function refusesMaxTokens(model: string): boolean {
  return /^openai\.(gpt-5|o\d)/.test(model);
}
