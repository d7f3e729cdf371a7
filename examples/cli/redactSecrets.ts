import { inspect } from 'node:util';

/** Property names whose values are never shown, at any depth. */
const SECRET_NAME = /private.?key|pem|pass.?phrase|password|session.?token|security.?token|^token$|authorization|secret|signature|^rpst$/i;

/** Text patterns that are never shown, whatever property or message carries them. */
const SECRET_TEXT: ReadonlyArray<readonly [RegExp, string]> = [
  [/-----BEGIN [A-Z0-9 ]+-----[\s\S]*?(?:-----END [A-Z0-9 ]+-----|$)/g, '[redacted key]'],
  // A quoted header value (JSON, util.inspect), up to its closing quote; then a raw header line, to its end.
  [/(["']?authorization["']?\s*:\s*)(["'])(?:\\.|(?!\2)[^\\])*\2/gi, '$1$2[redacted]$2'],
  [/(authorization\s*[:=])(?!\s*["'])[^\r\n]*/gi, '$1 [redacted]'],
  [/Signature\s+version=\\?"\d+\\?"[^\r\n]*/g, '[redacted signature]'],
  // `pass_phrase=…` with the value attached, a config-file line `pass_phrase = …`, and `"pass_phrase": "…"`
  // as in JSON. Not a sentence that names the setting (`pass_phrase: The passphrase…`, `Add pass_phrase= to
  // the profile`): a value after a space, mid-line, is a word, and redacting it would eat the sentence.
  [/((?:signature|pass_?phrase|security_token)=["']?)[^\s"',}]+/gi, '$1[redacted]'],
  [/^(\s*(?:pass_?phrase|security_token)\s*=\s*)\S.*$/gim, '$1[redacted]'],
  [/((["'])(?:signature|pass_?phrase|security_token)\2\s*:\s*["'])[^"']+/gi, '$1[redacted]'],
  // JWTs: session tokens, resource principal tokens (also in a keyId="ST$…").
  [/eyJ[\w-]{4,}\.[\w-]{4,}\.[\w-]*/g, '[redacted token]'],
];

/**
 * Removes key material from text meant for a terminal or a log: PEM blocks, Authorization and
 * signature headers, passphrases, session tokens.
 *
 * @example
 * ```ts
 * redactText('authorization: Signature version="1",keyId="…"') // 'authorization: [redacted]'
 * ```
 */
export function redactText(text: string): string {
  return SECRET_TEXT.reduce((result, [pattern, replacement]) => result.replace(pattern, replacement), text);
}

/**
 * Renders a value for `--debug` (util.inspect style) with secret-named properties replaced,
 * at any depth, and secret-looking text removed.
 *
 * @example
 * ```ts
 * inspectRedacted({ user: 'ocid1.user…', privateKey: '-----BEGIN…' }) // "{ user: 'ocid1.user…', privateKey: '[redacted]' }"
 * ```
 */
export function inspectRedacted(value: unknown): string {
  return redactText(inspect(redactValue(value, 0, new WeakSet()), { depth: 4, breakLength: 120, colors: false }));
}

function redactValue(value: unknown, depth: number, seen: WeakSet<object>): unknown {
  if (typeof value === 'string') return redactText(value);
  if (typeof value !== 'object' || value === null) return value;
  if (seen.has(value) || depth > 4) return '[…]';
  seen.add(value);
  if (Array.isArray(value)) return value.map((item) => redactValue(item, depth + 1, seen));
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    copy[key] = SECRET_NAME.test(key) ? '[redacted]' : redactValue((value as Record<string, unknown>)[key], depth + 1, seen);
  }
  return copy;
}
