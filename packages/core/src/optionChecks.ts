/**
 * The longest delay Node's timers hold, in ms (2^31 - 1, about 24.8 days): a longer one fires
 * after 1 ms with a TimeoutOverflowWarning, so no duration option may exceed it.
 *
 * @example
 * ```ts
 * checkNumberOption('streamTimeout', 'totalMs', ms, { above: 0, max: MAX_TIMER_MS })
 * ```
 */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * A value as an error message quotes it: strings JSON-quoted (at most 100 characters, so control
 * characters show as escapes), numbers as written (`NaN`, `-1`, `Infinity`), other values by kind.
 * Never an object's content, which could hold a secret.
 *
 * @example
 * ```ts
 * describeValue('a\r\nb') // '"a\\r\\nb"'
 * describeValue(NaN) // 'NaN'
 * describeValue({ key: 'secret' }) // 'an object'
 * ```
 */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 100 ? `${value.slice(0, 100)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint' || value === undefined) return String(value);
  if (value === null) return 'null';
  if (typeof value === 'symbol') return 'a symbol';
  if (typeof value === 'function') return 'a function';
  return Array.isArray(value) ? 'an array' : 'an object';
}

/**
 * What a numeric option allows. Without `infinity`, only finite numbers pass; NaN never does.
 *
 * @example
 * ```ts
 * { integer: true, min: 1, infinity: true } // concurrency: 1, 2, …, or Infinity
 * { above: 0 } // a positive duration in ms
 * ```
 */
export interface NumberRule {
  /** Whole numbers only. Default: false. */
  readonly integer?: boolean;
  /** The smallest value allowed. */
  readonly min?: number;
  /** Values must be greater than this. */
  readonly above?: number;
  /** The largest value allowed. */
  readonly max?: number;
  /** Whether `Infinity` (meaning "no limit") is allowed. Default: false. */
  readonly infinity?: boolean;
}

/**
 * What a number option allows, in words, or undefined when `value` is allowed: the same rule
 * reads the same in every package's errors.
 *
 * @example
 * ```ts
 * numberProblem(NaN, { integer: true, min: 1 }) // 'a whole number of at least 1'
 * numberProblem(4, { integer: true, min: 1 }) // undefined
 * ```
 */
export function numberProblem(value: unknown, rule: NumberRule): string | undefined {
  const ok =
    typeof value === 'number' &&
    (Number.isFinite(value) || (rule.infinity === true && value === Infinity)) &&
    (rule.integer !== true || Number.isInteger(value) || value === Infinity) &&
    (rule.min === undefined || value >= rule.min) &&
    (rule.above === undefined || value > rule.above) &&
    (rule.max === undefined || value <= rule.max);
  if (ok) return undefined;
  const bounds = [
    rule.min === undefined ? '' : `of at least ${rule.min}`,
    rule.above === undefined ? '' : `above ${rule.above}`,
    rule.max === undefined ? '' : `at most ${rule.max}`,
  ].filter((part) => part !== '');
  const kind = `${rule.integer === true ? 'a whole number' : 'a finite number'}${bounds.length > 0 ? ` ${bounds.join(' and ')}` : ''}`;
  return rule.infinity === true ? `${kind}, or Infinity` : kind;
}

/**
 * Throws unless an option is absent or a number the rule allows: a `TypeError` for a value
 * that is not a number, a `RangeError` for a number out of range (NaN included). The message
 * names the function, the option, the value given and what is allowed.
 *
 * @throws {TypeError | RangeError}
 * @example
 * ```ts
 * checkNumberOption('mergePrompts', 'rateLimit.intervalMs', Infinity, { above: 0 })
 * // RangeError: mergePrompts: rateLimit.intervalMs must be a finite number above 0, got Infinity.
 * ```
 */
export function checkNumberOption(where: string, name: string, value: unknown, rule: NumberRule): void {
  if (value === undefined) return;
  const allowed = numberProblem(value, rule);
  if (allowed === undefined) return;
  const message = `${where}: ${name} must be ${allowed}, got ${describeValue(value)}.`;
  throw typeof value === 'number' ? new RangeError(message) : new TypeError(message);
}
