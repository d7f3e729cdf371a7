import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { RelayRefusal } from './RelayRefusal.js';

/** What {@link requestGuard} lets through. */
export interface RequestGuardRules {
  /** The `Host` values that name this server (see `servedHosts`), lower case. */
  readonly hosts: ReadonlySet<string>;
  /** Origins of other pages allowed to call the API (a `useChat` app on its own dev server), e.g. 'http://localhost:3000'. */
  readonly allowedOrigins: readonly string[];
  /** The bearer token API calls must carry; undefined: none needed (loopback only). */
  readonly token: string | undefined;
}

/** Which kind of route a request is for: the page's files, or an answer. */
export type RouteKind = 'page' | 'api';

/** Checks one request; throws a {@link RelayRefusal} naming the header at fault. */
export interface RequestGuard {
  (req: IncomingMessage, route: RouteKind): void;
  /** The origin a browser request came from when it is allowed to read the answer cross-origin, for CORS headers. */
  corsOrigin(req: IncomingMessage): string | undefined;
}

/**
 * The relay's door: it spends its owner's OCI quota, so only the owner's page (or the owner's
 * own scripts) may use it.
 *
 * - `Host` must name this server (every route): a page on a rebound DNS name gets 403.
 * - `Origin`, when a browser sends one, must be this server's own origin or an allowed one
 *   (answer routes): another site's page gets 403.
 * - `Authorization: Bearer <token>` when a token is set (answer routes), compared in constant
 *   time: 401.
 * - `Content-Type: application/json` (answer POSTs): a cross-site form or `no-cors` fetch
 *   can only send `text/plain` or form types without a preflight, so they get 415.
 *
 * @example
 * const guard = requestGuard({ hosts: servedHosts('127.0.0.1', 8080, []), allowedOrigins: [], token: undefined });
 * guard(req, 'api'); // throws RelayRefusal(403, 'Origin http://evil.example is not …') for a foreign page
 */
export function requestGuard(rules: RequestGuardRules): RequestGuard {
  const tokenDigest = rules.token === undefined ? undefined : sha256(rules.token);
  const allowedOrigins = new Set(rules.allowedOrigins.map((origin) => origin.toLowerCase()));

  const ownOrigin = (req: IncomingMessage): string => `http://${(req.headers.host ?? '').toLowerCase()}`;

  const guard = (req: IncomingMessage, route: RouteKind): void => {
    const host = (req.headers.host ?? '').toLowerCase();
    if (!rules.hosts.has(host)) {
      throw new RelayRefusal(`Host ${JSON.stringify(req.headers.host ?? '')} does not name this chat server (it serves ${[...rules.hosts].join(', ')}); open the page by one of those addresses, or start the server with --allow-host <name>.`, { status: 403 });
    }
    if (route === 'page') return;
    const origin = req.headers.origin;
    if (origin !== undefined && origin.toLowerCase() !== ownOrigin(req) && !allowedOrigins.has(origin.toLowerCase())) {
      throw new RelayRefusal(`Origin ${origin} is not this chat's origin (${ownOrigin(req)}); a page on another site may not spend this relay's quota. Start the server with --allow-origin ${origin} to let it.`, { status: 403 });
    }
    if (tokenDigest !== undefined && req.method !== 'OPTIONS') {
      const match = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '');
      if (match === null || !timingSafeEqual(sha256(match[1] ?? ''), tokenDigest)) {
        throw new RelayRefusal('Authorization: this relay needs its token, as "Authorization: Bearer <token>" (the page reads it from the #token= part of the address printed at start-up).', { status: 401, headers: { 'www-authenticate': 'Bearer' } });
      }
    }
    if (req.method === 'POST') {
      // The media type is the part before any parameter (`; charset=utf-8`): hand-written,
      // since the one rule here needs no parser library.
      const mediaType = (req.headers['content-type'] ?? '').split(';', 1)[0]?.trim().toLowerCase();
      if (mediaType !== 'application/json') {
        throw new RelayRefusal(`Content-Type must be application/json, got ${JSON.stringify(req.headers['content-type'] ?? '(none)')}.`, { status: 415 });
      }
    }
  };
  guard.corsOrigin = (req: IncomingMessage): string | undefined => {
    const origin = req.headers.origin?.toLowerCase();
    return origin !== undefined && allowedOrigins.has(origin) ? req.headers.origin : undefined;
  };
  return guard;
}

/** Digests first, so that the constant-time compare sees equal lengths whatever was sent. */
function sha256(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}
