import { createPublicKey, sign, verify, type JsonWebKey, type KeyObject } from 'node:crypto';
import type { PublicKeyLookup } from '../../verifySignature.js';

/** Whose tokens these are: the default claims of every token. */
export interface TokenSubject {
  readonly tenancy: string;
  readonly user: string;
  readonly compartmentId: string;
}

/**
 * Issues and checks session tokens like OCI's auth service: RS256 JWTs signed by an
 * issuer key of the emulator, with the caller's public key bound in the `jwk` claim.
 * A request signed with keyId `ST$<token>` is verified against that bound key, so the
 * emulator keeps no table of tokens. Written with node:crypto rather than a JWT library
 * because the server takes no dependencies, and RS256 over two base64url parts is all it needs.
 *
 * @example
 * const issuer = new SessionTokenIssuer(issuerKeyPair, 'emulator-1', subject, Date.now);
 * const token = issuer.issue(sessionPublicKeyPem, { ptype: 'resource' });
 * issuer.publicKeyFor(token); // { publicKey: KeyObject }
 */
export class SessionTokenIssuer {
  constructor(
    private readonly issuerKey: { readonly privateKey: KeyObject; readonly publicKey: KeyObject },
    /** Goes into the JWT header's `kid`, so that emulators sharing an issuer key refuse each other's tokens. */
    private readonly issuerId: string,
    private readonly subject: TokenSubject,
    private readonly now: () => number,
  ) {}

  /** A token binding `publicKeyPem`, valid for one hour; `claims` override the defaults. */
  issue(publicKeyPem: string, claims: Readonly<Record<string, unknown>> = {}): string {
    const jwk = createPublicKey(publicKeyPem).export({ format: 'jwk' });
    const issuedAt = Math.floor(this.now() / 1000);
    const payload = {
      sub: this.subject.user,
      iss: 'authService.oracle.com',
      aud: 'oci',
      iat: issuedAt,
      exp: issuedAt + 3600,
      ptype: 'user',
      tenant: this.subject.tenancy,
      res_tenant: this.subject.tenancy,
      res_compartment: this.subject.compartmentId,
      jwk: JSON.stringify({ ...jwk, kid: 'emulator-session', alg: 'RS256', use: 'sig' }),
      ...claims,
    };
    const head = `${base64url({ alg: 'RS256', typ: 'JWT', kid: this.issuerId })}.${base64url(payload)}`;
    return `${head}.${sign('sha256', Buffer.from(head), this.issuerKey.privateKey).toString('base64url')}`;
  }

  #issuerOf(head: string): unknown {
    try {
      return (JSON.parse(Buffer.from(head, 'base64url').toString('utf8')) as { kid?: unknown }).kid;
    } catch {
      return undefined;
    }
  }

  /** The key a token binds, or why the token is refused (never repeating the token). */
  publicKeyFor(token: string): PublicKeyLookup {
    const [head, body, signature, extra] = token.split('.');
    if (head === undefined || body === undefined || signature === undefined || extra !== undefined) {
      return { rejection: 'The session token is not a JWT' };
    }
    const signed = verify('sha256', Buffer.from(`${head}.${body}`), this.issuerKey.publicKey, Buffer.from(signature, 'base64url'));
    if (!signed || this.#issuerOf(head) !== this.issuerId) return { rejection: 'The session token was not issued by this service' };
    let claims: { exp?: unknown; jwk?: unknown };
    try {
      claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as { exp?: unknown; jwk?: unknown };
    } catch {
      return { rejection: 'The session token is not a JWT' };
    }
    if (typeof claims.exp !== 'number' || claims.exp * 1000 <= this.now()) return { rejection: 'The session token has expired' };
    try {
      const jwk = (typeof claims.jwk === 'string' ? JSON.parse(claims.jwk) : claims.jwk) as JsonWebKey;
      return { publicKey: createPublicKey({ key: jwk, format: 'jwk' }) };
    } catch {
      return { rejection: 'The session token binds no usable public key' };
    }
  }
}

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}
