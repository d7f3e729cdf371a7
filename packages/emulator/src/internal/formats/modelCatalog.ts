import { ServiceError } from '../server/ServiceError.js';
import { isRecord } from './requestChecks.js';

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
  /** Sends reasoning deltas before the answer: the id contains "reason". */
  readonly reasoning: boolean;
  /** Ends GENERIC streams with `data: [DONE]`: Meta models do, others end at EOF. */
  readonly endsWithDone: boolean;
}

const genericFamilies = ['meta.', 'xai.', 'openai.', 'google.', 'mistral.'];

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
  const reasoning = lower.includes('reason');
  if (genericFamilies.some((prefix) => lower.startsWith(prefix))) {
    const isMeta = lower.startsWith('meta.');
    return { id, chatFormats: ['GENERIC'], runtime: isMeta ? 'LLAMA' : undefined, reasoning, endsWithDone: isMeta };
  }
  if (lower.startsWith('cohere.command')) {
    const chatFormats: readonly ChatFormat[] = lower.startsWith('cohere.command-r') ? ['COHERE'] : ['COHERE', 'COHEREV2'];
    return { id, chatFormats, runtime: 'COHERE', reasoning, endsWithDone: false };
  }
  if (lower.startsWith('cohere.')) return { id, chatFormats: [], runtime: undefined, reasoning, endsWithDone: false };
  throw new ServiceError(`Model ${id} was not found or you are not authorized to use it.`, { status: 404, code: 'NotAuthorizedOrNotFound' });
}
