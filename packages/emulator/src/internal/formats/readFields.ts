import { ServiceError } from '../server/ServiceError.js';

/**
 * A JSON object (not null, not an array).
 *
 * @example
 * isRecord({}); // true
 * isRecord([]); // false
 */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function invalid(path: string, expected: string): ServiceError {
  return new ServiceError(`${path} must be ${expected}.`, { status: 400, code: 'InvalidParameter' });
}

/**
 * Reads an optional number field, refusing other types as the service does
 * (400 InvalidParameter naming the field).
 *
 * @example
 * optionalNumber({ temperature: 'hot' }, 'temperature', 'chatRequest'); // throws 'chatRequest.temperature must be a number.'
 */
export function optionalNumber(record: Record<string, unknown>, key: string, parent: string): number | undefined {
  const value = record[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw invalid(`${parent}.${key}`, 'a number');
  return value;
}

/**
 * An optional whole number of at least 1 (token limits).
 *
 * @example
 * optionalTokenLimit({ maxTokens: 0 }, 'maxTokens', 'chatRequest'); // throws 'chatRequest.maxTokens must be a whole number of at least 1.'
 */
export function optionalTokenLimit(record: Record<string, unknown>, key: string, parent: string): number | undefined {
  const value = optionalNumber(record, key, parent);
  if (value !== undefined && (!Number.isInteger(value) || value < 1)) throw invalid(`${parent}.${key}`, 'a whole number of at least 1');
  return value;
}

/**
 * An optional boolean field.
 *
 * @example
 * optionalBoolean({ isStream: 'yes' }, 'isStream', 'chatRequest'); // throws 'chatRequest.isStream must be true or false.'
 */
export function optionalBoolean(record: Record<string, unknown>, key: string, parent: string): boolean | undefined {
  const value = record[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw invalid(`${parent}.${key}`, 'true or false');
  return value;
}

/**
 * An optional string field.
 *
 * @example
 * optionalString({ role: 'USER' }, 'role', 'message'); // 'USER'
 */
export function optionalString(record: Record<string, unknown>, key: string, parent: string): string | undefined {
  const value = record[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalid(`${parent}.${key}`, 'a string');
  return value;
}

/**
 * An optional array field.
 *
 * @example
 * optionalArray({ messages: 'Hi' }, 'messages', 'chatRequest'); // throws 'chatRequest.messages must be an array.'
 */
export function optionalArray(record: Record<string, unknown>, key: string, parent: string): readonly unknown[] | undefined {
  const value = record[key];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw invalid(`${parent}.${key}`, 'an array');
  return value as readonly unknown[];
}

/**
 * An optional object field.
 *
 * @example
 * optionalRecord({}, 'streamOptions', 'chatRequest'); // undefined
 */
export function optionalRecord(record: Record<string, unknown>, key: string, parent: string): Record<string, unknown> | undefined {
  const value = record[key];
  if (value === undefined || value === null) return undefined;
  if (!isRecord(value)) throw invalid(`${parent}.${key}`, 'an object');
  return value;
}

/**
 * A required object field: missing is MissingParameter, the wrong type InvalidParameter.
 *
 * @example
 * requiredRecord({}, 'chatRequest', ''); // throws 400 MissingParameter 'The request has no chatRequest.'
 */
export function requiredRecord(record: Record<string, unknown>, key: string, parent: string): Record<string, unknown> {
  const value = optionalRecord(record, key, parent);
  if (value === undefined) throw new ServiceError(`The request has no ${parent === '' ? key : `${parent}.${key}`}.`, { status: 400, code: 'MissingParameter' });
  return value;
}

/**
 * A required non-empty string field.
 *
 * @example
 * requiredText({ prompt: ' ' }, 'prompt', 'inferenceRequest'); // throws 'inferenceRequest.prompt must be a non-empty string.'
 */
export function requiredText(record: Record<string, unknown>, key: string, parent: string): string {
  const value = optionalString(record, key, parent);
  if (value === undefined) throw new ServiceError(`The request has no ${parent}.${key}.`, { status: 400, code: 'MissingParameter' });
  if (value.trim() === '') throw invalid(`${parent}.${key}`, 'a non-empty string');
  return value;
}

/**
 * Checks the common sampling knobs are numbers, as the service's schema does.
 *
 * @example
 * checkNumbers({ topP: '1' }, ['topP'], 'chatRequest'); // throws 'chatRequest.topP must be a number.'
 */
export function checkNumbers(record: Record<string, unknown>, keys: readonly string[], parent: string): void {
  for (const key of keys) optionalNumber(record, key, parent);
}
