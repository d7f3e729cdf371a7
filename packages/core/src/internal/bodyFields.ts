import { InvalidRequestError } from '../errors.js';

/** Throws unless `value` is a non-empty string after trimming. */
export function requireText(field: string, value: string | undefined, fix: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new InvalidRequestError(`${field} is empty. ${fix}`, { field });
  }
  return value;
}

/** Throws unless an optional number is finite. */
export function checkNumber(field: string, value: unknown): void {
  if (value !== undefined && (typeof value !== 'number' || !Number.isFinite(value))) {
    throw new InvalidRequestError(`${field} must be a finite number, got ${JSON.stringify(value)}.`, { field });
  }
}

/** Drops the keys whose value is undefined, so the JSON body carries only what was set. */
export function definedOnly(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) out[key] = value;
  return out;
}

/**
 * Throws for the first field of `fields` the request sets, naming the format that has no place
 * for it, so an option is never dropped silently.
 */
export function refuseFields(request: object, fields: readonly string[], format: string, fix: string): void {
  const values = request as Readonly<Record<string, unknown>>;
  const set = fields.find((field) => values[field] !== undefined);
  if (set !== undefined) throw new InvalidRequestError(`the ${format} format has no ${set}. ${fix}`, { field: set });
}
