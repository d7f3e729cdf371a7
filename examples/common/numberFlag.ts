import { UsageError } from './UsageError.js';

/** What a numeric flag accepts. */
export interface NumberFlagRule {
  /** Only whole numbers. Default false. */
  readonly integer?: boolean;
  /** The smallest value allowed. Default 0 (exclusive when `positive`). */
  readonly min?: number;
  /** Must be above 0. Default false. */
  readonly positive?: boolean;
  /** A typical value, shown in the error (`0.7` gives "… at least 0 (e.g. 0.7), not …"). */
  readonly example?: string;
}

/**
 * Reads a numeric flag: its default when absent, else the number, checked.
 *
 * @throws {UsageError} naming the flag and what it accepts.
 * @example
 * numberFlag('--concurrency', '8', 4, { integer: true, positive: true }); // 8
 * numberFlag('--concurrency', undefined, 4, { integer: true, positive: true }); // 4
 * numberFlag('--concurrency', 'lots', 4, { integer: true, positive: true }); // throws: --concurrency must be a whole number above 0, not "lots".
 */
export function numberFlag<D extends number | undefined>(name: string, text: string | undefined, fallback: D, rule: NumberFlagRule = {}): number | D {
  if (text === undefined) return fallback;
  const value = Number(text);
  const { integer = false, min = 0, positive = false, example } = rule;
  const valid = text.trim() !== '' && Number.isFinite(value) && (!integer || Number.isInteger(value)) && (positive ? value > 0 : value >= min);
  if (!valid) {
    const kind = integer ? 'a whole number' : 'a number';
    const hint = example === undefined ? '' : ` (e.g. ${example})`;
    throw new UsageError(`${name} must be ${kind} ${positive ? 'above 0' : `of at least ${min}`}${hint}, not "${text}".`);
  }
  return value;
}
