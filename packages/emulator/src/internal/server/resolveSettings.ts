import type { IncomingHttpHeaders } from 'node:http';
import type { RequestSettings } from './Exchange.js';
import type { Pacing } from '../stream/Pacing.js';
import type { Language } from '../answers/Language.js';
import type { SlowFirstTokens } from '../stream/SlowFirstTokens.js';
import { ServiceError } from './ServiceError.js';

/** The emulator-wide defaults (from the options). */
export interface DefaultSettings extends Pacing {
  readonly language: Language;
  /** The heavy tail of first-token times, for requests that set none of their own. */
  readonly slowFirstTokens?: SlowFirstTokens | undefined;
}

/**
 * Weighs one request's timing, length and language: the `x-emulator-*` headers win,
 * then the fault spec's pacing items (`ttft-ms`, `token-interval-ms`, `tokens`), then the options.
 * A malformed header is a 400 naming it.
 *
 * @example
 * resolveSettings({ 'x-emulator-tokens': '5' }, {}, defaults).tokens; // 5
 */
export function resolveSettings(headers: IncomingHttpHeaders, pacing: Partial<Pacing>, defaults: DefaultSettings): RequestSettings {
  const language = header(headers, 'x-emulator-lang');
  if (language !== undefined && language !== 'en' && language !== 'ja') {
    throw new ServiceError('x-emulator-lang must be en or ja.', { status: 400, code: 'InvalidParameter' });
  }
  return {
    ttftMs: wholeNumber(headers, 'x-emulator-ttft-ms') ?? pacing.ttftMs ?? defaults.slowFirstTokens?.next(defaults.ttftMs) ?? defaults.ttftMs,
    tokenIntervalMs: wholeNumber(headers, 'x-emulator-token-interval-ms') ?? pacing.tokenIntervalMs ?? defaults.tokenIntervalMs,
    tokens: wholeNumber(headers, 'x-emulator-tokens') ?? pacing.tokens ?? defaults.tokens,
    language,
    defaultLanguage: defaults.language,
  };
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function wholeNumber(headers: IncomingHttpHeaders, name: string): number | undefined {
  const value = header(headers, name)?.trim();
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new ServiceError(`${name} must be a whole number.`, { status: 400, code: 'InvalidParameter' });
  return Number(value);
}
