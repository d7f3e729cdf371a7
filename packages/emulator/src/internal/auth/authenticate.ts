import type { IncomingMessage } from 'node:http';
import { verifySignature, type PublicKeyLookup } from '../../verifySignature.js';
import { ServiceError } from '../server/ServiceError.js';
import type { GenerativeAiApiKeys } from './GenerativeAiApiKeys.js';

/** What the emulator checks requests against. */
export interface AuthSettings {
  readonly publicKeyFor: (keyId: string) => PublicKeyLookup | undefined;
  readonly expectedHosts: () => readonly string[];
  readonly now: () => number;
  /** The Generative AI API keys the OpenAI-compatible routes take as bearer keys. */
  readonly apiKeys: GenerativeAiApiKeys;
}

/**
 * Authenticates a request like OCI: an HTTP Signature checked by `verifySignature`
 * against the received headers and body bytes, or (where `allowBearer`, the OpenAI
 * routes) `Authorization: Bearer <key>` with a Generative AI API key of this region (401
 * naming the key's region for a key of another one). Throws 401 NotAuthenticated naming the failed
 * check. Returns how the request authenticated.
 *
 * @example
 * authenticate(req, body, false, settings); // 'signature'
 */
export function authenticate(req: IncomingMessage, body: Buffer, allowBearer: boolean, settings: AuthSettings): 'signature' | 'bearer' {
  const authorization = req.headers.authorization ?? '';
  if (allowBearer && /^bearer\s/i.test(authorization)) {
    const region = settings.apiKeys.regionOf(authorization.replace(/^bearer\s+/i, '').trim());
    if (region === settings.apiKeys.region) return 'bearer';
    // Neither message quotes the key: it is a secret, even when it is wrong.
    throw new ServiceError(
      region === undefined
        ? 'The bearer API key is not valid for this service'
        : `The API key was created in ${region}; an API key works only in its own region (this is ${settings.apiKeys.region})`,
      { status: 401, code: 'NotAuthenticated' });
  }
  const verdict = verifySignature(
    { method: req.method ?? 'GET', target: req.url ?? '/', headers: req.headers, body },
    { publicKeyFor: settings.publicKeyFor, now: settings.now(), expectedHosts: settings.expectedHosts() },
  );
  if (!verdict.ok) throw new ServiceError(verdict.message, { status: 401, code: 'NotAuthenticated' });
  return 'signature';
}
