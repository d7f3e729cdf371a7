import { createHash, verify, type KeyObject } from 'node:crypto';
import { parseSignatureHeader } from './internal/auth/parseSignatureHeader.js';

/**
 * A received request, as the verifier needs it.
 *
 * @example
 * const request: SignedRequest = { method: req.method ?? 'GET', target: req.url ?? '/', headers: req.headers, body };
 */
export interface SignedRequest {
  /** The HTTP method, any case. */
  readonly method: string;
  /** The path with the raw query, exactly as received (Node's `req.url`). */
  readonly target: string;
  /** Received headers; names in any case (Node's `req.headers` works as is). */
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  /** The body bytes actually received (a string is taken as UTF-8). */
  readonly body?: Uint8Array | string;
}

/**
 * The key for a keyId, or why there is none (the message goes into the 401 body).
 *
 * @example
 * const lookup: PublicKeyLookup = keyId === myKeyId ? { publicKey: myPublicKeyPem } : { rejection: 'The key was revoked' };
 */
export type PublicKeyLookup = { readonly publicKey: KeyObject | string } | { readonly rejection: string };

/**
 * How to verify: where keys come from, the clock, the host the request must name.
 *
 * @example
 * const options: VerifySignatureOptions = { publicKeyFor: () => ({ publicKey }), now: Date.now(), expectedHosts: ['127.0.0.1:8080'] };
 */
export interface VerifySignatureOptions {
  /** Finds the public key for a keyId; `undefined` means the keyId is unknown. */
  readonly publicKeyFor: (keyId: string) => PublicKeyLookup | undefined;
  /** The clock in epoch milliseconds. Default: `Date.now()`. */
  readonly now?: number;
  /** Allowed clock skew in milliseconds. Default: 300000 (5 minutes, as OCI). */
  readonly maxClockSkewMs?: number;
  /** Accepted `host` values (`name:port`; `*:port` accepts any name). Default: no host check. */
  readonly expectedHosts?: readonly string[];
}

/**
 * The verdict: the keyId that signed, or the first check that failed, in words.
 *
 * @example
 * const verdict: SignatureVerdict = verifySignature(request, options);
 * if (!verdict.ok) console.log(verdict.message); // 'x-content-sha256 does not match the body received'
 */
export type SignatureVerdict = { readonly ok: true; readonly keyId: string } | { readonly ok: false; readonly message: string };

const methodsWithBody = new Set(['POST', 'PUT', 'PATCH']);

/**
 * Verifies an OCI HTTP Signature (version 1, rsa-sha256) as the service does: parses the
 * Authorization header (parameters and header names in any order and case), checks that
 * the required headers are signed (`(request-target)`, `host`, `date` or `x-date`, and
 * for POST/PUT/PATCH `content-length`, `content-type`, `x-content-sha256`), that the
 * date is fresh, the host expected, the length and SHA-256 those of the body received,
 * then verifies RSA-SHA256 (PKCS#1 v1.5) over the rebuilt signing string. Pure: no I/O.
 * Messages never repeat the Authorization header or key material.
 *
 * @param request the request as received.
 * @param options key lookup, clock and expected hosts.
 * @returns `{ ok: true, keyId }` or `{ ok: false, message }` naming the failed check.
 * @example
 * const verdict = verifySignature(
 *   { method: 'GET', target: '/20160918/instances', headers: req.headers },
 *   { publicKeyFor: (keyId) => (keyId === myKeyId ? { publicKey: myPublicKeyPem } : undefined) },
 * );
 * // { ok: false, message: 'The signed headers do not include host' }
 */
export function verifySignature(request: SignedRequest, options: VerifySignatureOptions): SignatureVerdict {
  const headers = lowerCaseHeaders(request.headers);
  const fail = (message: string): SignatureVerdict => ({ ok: false, message });
  const authorization = headers.get('authorization');
  if (authorization === undefined) return fail('The request has no Authorization header');
  const parameters = parseSignatureHeader(authorization);
  if (typeof parameters === 'string') return fail(parameters);
  if (parameters.version !== undefined && parameters.version !== '1') return fail('The signature version must be "1"');
  if (parameters.algorithm !== 'rsa-sha256') return fail('The signature algorithm must be rsa-sha256');

  const method = request.method.toUpperCase();
  const signed = new Set(parameters.headers);
  const required = ['(request-target)', 'host', ...(methodsWithBody.has(method) ? ['content-length', 'content-type', 'x-content-sha256'] : [])];
  for (const name of required) if (!signed.has(name)) return fail(`The signed headers do not include ${name}`);
  if (!signed.has('date') && !signed.has('x-date')) return fail('The signed headers do not include date or x-date');
  for (const name of signed) {
    if (name !== '(request-target)' && !headers.has(name)) return fail(`The signed header ${name} is missing from the request`);
  }

  const dateText = headers.get(signed.has('x-date') ? 'x-date' : 'date') ?? '';
  const date = Date.parse(dateText);
  if (Number.isNaN(date)) return fail('The request date is not a valid HTTP date');
  if (Math.abs((options.now ?? Date.now()) - date) > (options.maxClockSkewMs ?? 300_000)) {
    return fail('The request date is more than 5 minutes away from the server clock');
  }
  if (options.expectedHosts !== undefined && !hostIsExpected(headers.get('host') ?? '', options.expectedHosts)) {
    return fail('The host header does not name this server');
  }
  const body = typeof request.body === 'string' ? Buffer.from(request.body) : (request.body ?? new Uint8Array());
  if (signed.has('content-length') && headers.get('content-length') !== String(body.byteLength)) {
    return fail('content-length does not match the body received');
  }
  if (signed.has('x-content-sha256') && headers.get('x-content-sha256') !== createHash('sha256').update(body).digest('base64')) {
    return fail('x-content-sha256 does not match the body received');
  }

  const lookup = options.publicKeyFor(parameters.keyId);
  if (lookup === undefined) return fail('The keyId is not known to this service');
  if ('rejection' in lookup) return fail(lookup.rejection);
  const signingString = parameters.headers
    .map((name) => (name === '(request-target)' ? `${name}: ${method.toLowerCase()} ${request.target}` : `${name}: ${headers.get(name) ?? ''}`))
    .join('\n');
  let valid = false;
  try {
    valid = verify('sha256', Buffer.from(signingString), lookup.publicKey, Buffer.from(parameters.signature, 'base64'));
  } catch {
    valid = false;
  }
  return valid ? { ok: true, keyId: parameters.keyId } : fail('The signature does not verify against the key for this keyId');
}

function lowerCaseHeaders(headers: SignedRequest['headers']): Map<string, string> {
  const map = new Map<string, string>();
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    map.set(name.toLowerCase(), typeof value === 'string' ? value : value.join(', '));
  }
  return map;
}

function hostIsExpected(host: string, expected: readonly string[]): boolean {
  const received = host.toLowerCase();
  const port = received.slice(received.lastIndexOf(':') + 1);
  return expected.some((entry) => {
    const candidate = entry.toLowerCase();
    return candidate === received || (candidate.startsWith('*:') && candidate.slice(2) === port && received.includes(':'));
  });
}
