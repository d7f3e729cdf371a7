import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { verifySignature, type PublicKeyLookup } from '../../verifySignature.js';
import { ServiceError } from '../server/ServiceError.js';

/** What the emulator checks requests against. */
export interface AuthSettings {
  readonly publicKeyFor: (keyId: string) => PublicKeyLookup | undefined;
  readonly expectedHosts: () => readonly string[];
  readonly now: () => number;
  /** The bearer key of the OpenAI-compatible route. */
  readonly apiKey: string;
}

/**
 * Authenticates a request like OCI: an HTTP Signature checked by `verifySignature`
 * against the received headers and body bytes, or (where `allowBearer`, the OpenAI
 * route) `Authorization: Bearer <apiKey>`. Throws 401 NotAuthenticated naming the failed
 * check. Returns how the request authenticated.
 *
 * @example
 * authenticate(req, body, false, settings); // 'signature'
 */
export function authenticate(req: IncomingMessage, body: Buffer, allowBearer: boolean, settings: AuthSettings): 'signature' | 'bearer' {
  const authorization = req.headers.authorization ?? '';
  if (allowBearer && /^bearer\s/i.test(authorization)) {
    const given = Buffer.from(authorization.replace(/^bearer\s+/i, '').trim());
    const expected = Buffer.from(settings.apiKey);
    if (given.length === expected.length && timingSafeEqual(given, expected)) return 'bearer';
    throw new ServiceError('The bearer API key is not valid for this service', { status: 401, code: 'NotAuthenticated' });
  }
  const verdict = verifySignature(
    { method: req.method ?? 'GET', target: req.url ?? '/', headers: req.headers, body },
    { publicKeyFor: settings.publicKeyFor, now: settings.now(), expectedHosts: settings.expectedHosts() },
  );
  if (!verdict.ok) throw new ServiceError(verdict.message, { status: 401, code: 'NotAuthenticated' });
  return 'signature';
}
