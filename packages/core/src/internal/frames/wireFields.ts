import type { WireFrame } from '../formats/WireFormat.js';

/**
 * A field of a value that should be an object. Arrays on the wire may hold anything (`null`,
 * numbers), so every accessor takes `unknown` and checks it: a malformed element reads as absent
 * instead of throwing a TypeError.
 *
 * @example
 * ```ts
 * field({ text: 'Hi' }, 'text'); // 'Hi'
 * field(null, 'text');           // undefined
 * ```
 */
export function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as WireFrame)[key] : undefined;
}

/** The object field of `value`, or undefined. */
export function objectField(value: unknown, key: string): WireFrame | undefined {
  const found = field(value, key);
  return typeof found === 'object' && found !== null && !Array.isArray(found) ? (found as WireFrame) : undefined;
}

/** The array field of `value`, or an empty array; its elements are unchecked (`unknown`). */
export function arrayField(value: unknown, key: string): readonly unknown[] {
  const found = field(value, key);
  return Array.isArray(found) ? found : [];
}

/** The string field of `value`, or undefined. */
export function stringField(value: unknown, key: string): string | undefined {
  const found = field(value, key);
  return typeof found === 'string' ? found : undefined;
}

/** The number field of `value`, or undefined. */
export function numberField(value: unknown, key: string): number | undefined {
  const found = field(value, key);
  return typeof found === 'number' ? found : undefined;
}
