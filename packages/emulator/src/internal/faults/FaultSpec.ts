import type { Mutable } from '../Mutable.js';
import { ServiceError } from '../server/ServiceError.js';
import type { Pacing } from '../stream/Pacing.js';

/** What to break in one response. See the README's fault table; `FaultHooks` applies it. */
export interface Faults {
  readonly status?: number;
  readonly retryAfter?: string;
  readonly nonJsonError?: boolean;
  readonly disconnectAfter?: number;
  readonly stallAfter?: number;
  readonly keepaliveMs?: number;
  readonly lineEnding?: 'lf' | 'crlf' | 'cr';
  readonly eventsPerWrite?: number;
  readonly chunkBytes?: number;
  readonly splitUtf8?: boolean;
  readonly noFinalNewline?: boolean;
  readonly done?: boolean;
  readonly linger?: boolean;
  readonly garbageAfter?: number;
  readonly redirect?: boolean;
}

/**
 * A parsed `x-emulator-fault` spec: the faults, and the pacing items the spec also takes
 * (`ttft-ms`, `token-interval-ms`, `tokens`: an older spelling of the pacing headers).
 */
export type FaultSpec = Faults & Partial<Pacing>;

type Setter = (spec: Mutable<FaultSpec>, value: string | undefined, item: string) => void;

const flag =
  (key: 'nonJsonError' | 'splitUtf8' | 'noFinalNewline' | 'linger' | 'redirect'): Setter =>
  (spec, value, item) => {
    if (value !== undefined) throw bad(item, 'takes no value');
    spec[key] = true;
  };
const count =
  (key: 'disconnectAfter' | 'stallAfter' | 'garbageAfter' | 'ttftMs' | 'tokenIntervalMs' | 'tokens', min = 0): Setter =>
  (spec, value, item) => {
    spec[key] = integer(value, item, min);
  };

const setters: Readonly<Record<string, Setter>> = {
  status: (spec, value, item) => {
    const status = integer(value, item, 0);
    if (status < 400 || status > 599) throw bad(item, 'needs an HTTP error status from 400 to 599');
    spec.status = status;
  },
  'retry-after': (spec, value, item) => {
    const text = value?.trim() ?? '';
    if (!/^\d+$/.test(text) && Number.isNaN(Date.parse(text))) throw bad(item, 'needs seconds or an HTTP date');
    spec.retryAfter = text;
  },
  'non-json-error': flag('nonJsonError'),
  'disconnect-after': count('disconnectAfter'),
  'stall-after': count('stallAfter'),
  keepalive: (spec, value, item) => {
    spec.keepaliveMs = integer(value, item, 1);
  },
  'line-ending': (spec, value, item) => {
    if (value !== 'lf' && value !== 'crlf' && value !== 'cr') throw bad(item, 'must be lf, crlf or cr');
    spec.lineEnding = value;
  },
  'events-per-write': (spec, value, item) => {
    spec.eventsPerWrite = integer(value, item, 1);
  },
  'chunk-bytes': (spec, value, item) => {
    spec.chunkBytes = integer(value, item, 1);
  },
  'split-utf8': flag('splitUtf8'),
  'no-final-newline': flag('noFinalNewline'),
  done: (spec, value, item) => {
    if (value !== 'on' && value !== 'off') throw bad(item, 'must be done=on or done=off');
    spec.done = value === 'on';
  },
  linger: flag('linger'),
  'garbage-after': count('garbageAfter'),
  redirect: flag('redirect'),
  'ttft-ms': count('ttftMs'),
  'token-interval-ms': count('tokenIntervalMs'),
  tokens: count('tokens'),
};

/**
 * Every item name the spec accepts (faults and pacing), for messages and docs.
 *
 * @example
 * faultNames.includes('linger'); // true
 */
export const faultNames: readonly string[] = Object.keys(setters);

/**
 * Parses a fault spec: items separated by `;`, each `name` or `name=value`. Unknown
 * names and bad values throw a 400 InvalidParameter that names the item, so a typo in a
 * test fails loudly instead of silently testing nothing.
 *
 * @example
 * parseFaultSpec('status=503; retry-after=2'); // { status: 503, retryAfter: '2' }
 */
export function parseFaultSpec(text: string): FaultSpec {
  const spec: Mutable<FaultSpec> = {};
  for (const raw of text.split(';')) {
    const item = raw.trim();
    if (item === '') continue;
    const equals = item.indexOf('=');
    const name = (equals < 0 ? item : item.slice(0, equals)).trim().toLowerCase();
    const value = equals < 0 ? undefined : item.slice(equals + 1).trim();
    const setter = setters[name];
    if (setter === undefined) {
      throw new ServiceError(`Unknown fault "${item}" in x-emulator-fault; known faults: ${faultNames.join(', ')}.`, { status: 400, code: 'InvalidParameter' });
    }
    setter(spec, value, item);
  }
  if (spec.retryAfter !== undefined && spec.status === undefined) {
    throw bad('retry-after', 'only applies together with status=<code>');
  }
  return spec;
}

function integer(value: string | undefined, item: string, min: number): number {
  if (value === undefined || !/^\d+$/.test(value)) throw bad(item, 'needs a whole number');
  const number = Number(value);
  if (number < min) throw bad(item, `needs a number of at least ${min}`);
  return number;
}

function bad(item: string, reason: string): ServiceError {
  return new ServiceError(`Fault "${item}" ${reason}.`, { status: 400, code: 'InvalidParameter' });
}
