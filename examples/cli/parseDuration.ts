import { UsageError } from '../common/UsageError.js';

/**
 * A duration flag's value in milliseconds: plain milliseconds (`1500`), or with a unit
 * (`1500ms`, `1.5s`, `2m`); undefined when the flag is absent.
 *
 * @throws {UsageError} naming the flag when the value is not a duration above 0.
 * @example
 * ```ts
 * parseDuration('--timeout', '1.5s') // 1500
 * ```
 */
export function parseDuration(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m)?\s*$/i.exec(text);
  const unit = match?.[2]?.toLowerCase() ?? 'ms';
  const ms = match === null ? NaN : Number(match[1]) * (unit === 'm' ? 60_000 : unit === 's' ? 1000 : 1);
  if (!Number.isFinite(ms) || ms <= 0) {
    throw new UsageError(`${flag} must be a duration above 0: milliseconds (5000) or with a unit (5s, 500ms, 2m), not "${text}".`);
  }
  return Math.round(ms);
}
