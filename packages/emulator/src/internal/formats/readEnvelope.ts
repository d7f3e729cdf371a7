import { ServiceError } from '../server/ServiceError.js';
import { modelFor, type Model } from './modelCatalog.js';
import { isRecord, requiredRecord } from './readFields.js';

/** The parts every native request has: compartment, model and the operation's body. */
export interface Envelope {
  readonly compartmentId: string;
  readonly model: Model;
  readonly details: Record<string, unknown>;
}

/**
 * Checks the request envelope `{compartmentId, servingMode, <bodyKey>}`: missing parts
 * are 400 MissingParameter, wrong types 400 InvalidParameter, an unknown model 404.
 *
 * @example
 * readEnvelope(JSON.parse(body), 'chatRequest').model.id; // 'meta.llama-3.3-70b-instruct'
 */
export function readEnvelope(json: unknown, bodyKey: 'chatRequest' | 'inferenceRequest'): Envelope {
  if (!isRecord(json)) throw new ServiceError('The request body must be a JSON object.', { status: 400, code: 'InvalidParameter' });
  const compartmentId = json['compartmentId'];
  if (compartmentId === undefined) throw new ServiceError('The request body has no compartmentId.', { status: 400, code: 'MissingParameter' });
  if (typeof compartmentId !== 'string' || !compartmentId.startsWith('ocid1.')) {
    throw new ServiceError('compartmentId must be an OCID (ocid1.compartment… or ocid1.tenancy…).', { status: 400, code: 'InvalidParameter' });
  }
  const details = requiredRecord(json, bodyKey, '');
  return { compartmentId, model: modelFor(json['servingMode']), details };
}
