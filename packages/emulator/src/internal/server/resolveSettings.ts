import type { IncomingHttpHeaders } from 'node:http';
import type { RequestSettings } from './Exchange.js';
import type { FaultSpec } from '../faults/FaultSpec.js';
import type { Language } from '../answers/Language.js';
import { ServiceError } from './ServiceError.js';

/** The emulator-wide defaults (from the options). */
export interface DefaultSettings {
  readonly ttftMs: number;
  readonly tokenIntervalMs: number;
  /** The answer length in tokens when one was asked for; undefined: the emulator's own short reply. */
  readonly tokens: number | undefined;
  readonly language: Language;
}

/**
 * Weighs one request's timing, length and language: the `x-emulator-*` headers win,
 * then the fault spec (`ttft-ms`, `token-interval-ms`, `tokens`), then the options.
 * A malformed header is a 400 naming it.
 *
 * @example
 * resolveSettings({ 'x-emulator-tokens': '5' }, {}, defaults).tokens; // 5
 */
export function resolveSettings(headers: IncomingHttpHeaders, faults: FaultSpec, defaults: DefaultSettings): RequestSettings {
  const language = header(headers, 'x-emulator-lang');
  if (language !== undefined && language !== 'en' && language !== 'ja') {
    throw new ServiceError(400, 'InvalidParameter', 'x-emulator-lang must be en or ja.');
  }
  return {
    ttftMs: wholeNumber(headers, 'x-emulator-ttft-ms') ?? faults.ttftMs ?? defaults.ttftMs,
    tokenIntervalMs: wholeNumber(headers, 'x-emulator-token-interval-ms') ?? faults.tokenIntervalMs ?? defaults.tokenIntervalMs,
    tokens: wholeNumber(headers, 'x-emulator-tokens') ?? faults.tokens ?? defaults.tokens,
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
  if (!/^\d+$/.test(value)) throw new ServiceError(400, 'InvalidParameter', `${name} must be a whole number.`);
  return Number(value);
}
