import { ServiceError } from '../server/ServiceError.js';
import { isRecord } from './readFields.js';

/** The chat API formats of the wire spec. */
export type ChatFormat = 'GENERIC' | 'COHERE' | 'COHEREV2';
/** The generateText runtimes of the wire spec. */
export type Runtime = 'COHERE' | 'LLAMA';

/** What the emulator knows of a model: which formats it takes and how it streams. */
export interface Model {
  /** The model id the answer reports (for dedicated endpoints, the deployed model). */
  readonly id: string;
  readonly chatFormats: readonly ChatFormat[];
  readonly runtime: Runtime | undefined;
  /** Sends reasoning deltas before the answer: today's reasoning models (see the catalog), or an id with "reason" in it. */
  readonly reasoning: boolean;
  /** Ends GENERIC streams with `data: [DONE]`: Meta models do, others end at EOF. */
  readonly endsWithDone: boolean;
  /** Refuses `maxTokens` / `max_tokens` and takes only the completion limit: OpenAI's reasoning models. */
  readonly refusesMaxTokens: boolean;
  /**
   * How its GENERIC tool calls stream: `fragments` (id and name, then argument pieces: Meta),
   * `whole` (each call in one event: OpenAI, xAI), `whole-without-id` (Google's Gemini).
   */
  readonly toolCalls: 'fragments' | 'whole' | 'whole-without-id';
}

const genericFamilies = ['meta.', 'xai.', 'openai.', 'google.', 'mistral.'];

/**
 * Today's on-demand chat models (Oracle's model pages, 2026), with what sets them apart. A
 * model id of a known family that is not listed is still served, with its family's defaults.
 * xai.grok-4 reasons but does not return its reasoning, so it sends none here either.
 */
export const chatModelCatalog: readonly string[] = [
  'meta.llama-3.3-70b-instruct',
  'meta.llama-4-maverick-17b-128e-instruct-fp8',
  'meta.llama-4-scout-17b-16e-instruct',
  'openai.gpt-oss-120b',
  'openai.gpt-oss-20b',
  'openai.gpt-5',
  'openai.gpt-5-mini',
  'openai.gpt-5-nano',
  'xai.grok-3',
  'xai.grok-3-mini',
  'xai.grok-4',
  'google.gemini-2.5-pro',
  'google.gemini-2.5-flash',
  'google.gemini-2.5-flash-lite',
  'cohere.command-a-03-2025',
  'cohere.command-a-reasoning-08-2025',
  'cohere.command-r-plus-08-2024',
  'cohere.command-r-08-2024',
];

/** Reasoning models by id prefix: they send reasoning deltas before the answer. */
const reasoningPrefixes = ['openai.gpt-5', 'openai.gpt-oss', 'openai.o', 'xai.grok-3-mini', 'google.gemini-2.5-pro'];

/**
 * The model a request addresses, by the rules in the README: Meta, xAI, OpenAI, Google
 * and Mistral take GENERIC; cohere.command-r* takes COHERE; the other cohere.command*
 * models (command-a and later) take COHERE and COHEREV2; `cohere.command*` runs
 * generateText's COHERE runtime and `meta.*` its LLAMA runtime. A dedicated endpoint
 * serves meta.llama-3.3-70b-instruct, or cohere.command-a-03-2025 when its id contains
 * "cohere". Unknown families are 404 NotAuthorizedOrNotFound, as for a model the
 * tenancy cannot see.
 *
 * @example
 * modelFor({ servingType: 'ON_DEMAND', modelId: 'cohere.command-r-plus' }).chatFormats; // ['COHERE']
 */
export function modelFor(servingMode: unknown): Model {
  if (servingMode === undefined) throw new ServiceError('The request body has no servingMode.', { status: 400, code: 'MissingParameter' });
  if (!isRecord(servingMode)) throw new ServiceError('servingMode must be an object.', { status: 400, code: 'InvalidParameter' });
  const type = servingMode['servingType'];
  if (type === undefined) throw new ServiceError('servingMode has no servingType (ON_DEMAND or DEDICATED).', { status: 400, code: 'MissingParameter' });
  if (type === 'DEDICATED') return describe(dedicatedModel(servingMode['endpointId']));
  if (type !== 'ON_DEMAND') throw new ServiceError('servingMode.servingType must be ON_DEMAND or DEDICATED.', { status: 400, code: 'InvalidParameter' });
  const modelId = servingMode['modelId'];
  if (modelId === undefined) throw new ServiceError('servingMode has no modelId.', { status: 400, code: 'MissingParameter' });
  if (typeof modelId !== 'string' || modelId.trim() === '') throw new ServiceError('servingMode.modelId must be a non-empty string.', { status: 400, code: 'InvalidParameter' });
  return describe(modelId);
}

/**
 * The model named by an OpenAI-style `model` field, by the same rules.
 *
 * @example
 * modelNamed('meta.llama-3.3-70b-instruct').chatFormats; // ['GENERIC']
 */
export function modelNamed(modelId: string): Model {
  return describe(modelId);
}

/**
 * Refuses a chat format the model does not take, naming the ones it does.
 *
 * @example
 * requireChatFormat(modelNamed('cohere.command-r-plus'), 'GENERIC'); // throws 400 InvalidParameter
 */
export function requireChatFormat(model: Model, format: ChatFormat): void {
  if (model.chatFormats.includes(format)) return;
  const takes = model.chatFormats.length === 0 ? 'does not support chat' : `takes apiFormat ${model.chatFormats.join(' or ')}`;
  throw new ServiceError(`Model ${model.id} ${takes}, not ${format}.`, { status: 400, code: 'InvalidParameter' });
}

function dedicatedModel(endpointId: unknown): string {
  if (endpointId === undefined) throw new ServiceError('A DEDICATED servingMode needs an endpointId.', { status: 400, code: 'MissingParameter' });
  if (typeof endpointId !== 'string' || !endpointId.startsWith('ocid1.generativeaiendpoint')) {
    throw new ServiceError('No dedicated AI endpoint with this endpointId (expected an ocid1.generativeaiendpoint… OCID).', { status: 404, code: 'NotAuthorizedOrNotFound' });
  }
  return endpointId.includes('cohere') ? 'cohere.command-a-03-2025' : 'meta.llama-3.3-70b-instruct';
}

function describe(id: string): Model {
  const lower = id.toLowerCase();
  const reasoning = lower.includes('reason') || reasoningPrefixes.some((prefix) => lower.startsWith(prefix));
  const traits = { reasoning, endsWithDone: false, refusesMaxTokens: /^openai\.(gpt-5|o\d)/.test(lower), toolCalls: 'fragments' } as const;
  if (genericFamilies.some((prefix) => lower.startsWith(prefix))) {
    const isMeta = lower.startsWith('meta.');
    const toolCalls = isMeta || lower.startsWith('mistral.') ? 'fragments' : lower.startsWith('google.') ? 'whole-without-id' : 'whole';
    return { ...traits, id, chatFormats: ['GENERIC'], runtime: isMeta ? 'LLAMA' : undefined, endsWithDone: isMeta, toolCalls };
  }
  if (lower.startsWith('cohere.command')) {
    const chatFormats: readonly ChatFormat[] = lower.startsWith('cohere.command-r') ? ['COHERE'] : ['COHERE', 'COHEREV2'];
    return { ...traits, id, chatFormats, runtime: 'COHERE' };
  }
  if (lower.startsWith('cohere.')) return { ...traits, id, chatFormats: [], runtime: undefined };
  throw new ServiceError(`Model ${id} was not found or you are not authorized to use it.`, { status: 404, code: 'NotAuthorizedOrNotFound' });
}
