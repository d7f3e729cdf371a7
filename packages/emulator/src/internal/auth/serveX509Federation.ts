import { createHash, createPublicKey, X509Certificate, type KeyObject } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { verifySignature } from '../../verifySignature.js';
import type { AuthSettings } from './authenticate.js';
import type { InstanceIdentity } from './InstanceIdentity.js';
import { opcSubjectField } from './opcSubjectField.js';
import { ServiceError } from '../server/ServiceError.js';
import { x509KeyLookup } from './x509KeyLookup.js';

/** The auth service's X.509 federation operation; oci-common appends it to `federationEndpoint`. */
export const federationPath = '/v1/x509';

/** What the federation endpoint needs from the emulator. */
export interface FederationSettings {
  readonly auth: AuthSettings;
  readonly identity: InstanceIdentity;
  /** The emulator's session token issuer (`credentials.issueSessionToken`). */
  readonly issueSessionToken: (publicKeyPem: string, claims: Record<string, unknown>) => string;
}

interface FederationRequest {
  readonly leaf: X509Certificate | undefined;
  readonly intermediates: X509Certificate[];
  readonly sessionKey: KeyObject | undefined;
  readonly purpose: unknown;
}

/**
 * Answers `POST /v1/x509` like OCI's auth service answers an instance: the request must be
 * signed by the leaf certificate's key (keyId `<tenancy>/fed-x509/<SHA-1 fingerprint>`,
 * checked by `verifySignature` and `x509KeyLookup`: 401 NotAuthenticated otherwise), and
 * carries `certificate`, `intermediateCertificates` and the session `publicKey` (base64 DER,
 * as oci-common sends them). The answer is `{"token": <JWT>}`, a session token with
 * `ptype: 'instance'` bound to that public key; requests signed `ST$<token>` then pass.
 *
 * @example
 * await serveX509Federation(req, res, body, settings); // 200 {"token":"eyJ…"}
 */
export async function serveX509Federation(req: IncomingMessage, res: ServerResponse, body: Buffer, settings: FederationSettings): Promise<void> {
  if (req.method !== 'POST') throw new ServiceError(`${federationPath} takes POST only.`, { status: 405, code: 'MethodNotAllowed', headers: { allow: 'POST' } });
  const request = parseFederationRequest(body);
  const { auth, identity } = settings;
  const now = auth.now();
  const publicKeyFor = x509KeyLookup({ ...request, root: await identity.trustAnchor(), tenancy: identity.description.tenancy, now });
  const verdict = verifySignature(
    { method: req.method, target: req.url ?? '/', headers: req.headers, body },
    { publicKeyFor, now, expectedHosts: auth.expectedHosts() },
  );
  if (!verdict.ok) throw new ServiceError(verdict.message, { status: 401, code: 'NotAuthenticated' });
  // A good signature implies a leaf: only the X.509 lookup can have resolved the keyId.
  const leaf = request.leaf as X509Certificate;
  if (request.sessionKey === undefined) {
    throw new ServiceError('publicKey must be the base64 DER (SPKI) of the session public key.', { status: 400, code: 'InvalidParameter' });
  }
  if (request.purpose !== undefined && typeof request.purpose !== 'string') throw new ServiceError('purpose must be a string.', { status: 400, code: 'InvalidParameter' });
  const instanceId = opcSubjectField(leaf, 'opc-instance') ?? identity.description.instanceId;
  const compartmentId = opcSubjectField(leaf, 'opc-compartment') ?? identity.description.compartmentId;
  const token = settings.issueSessionToken(request.sessionKey.export({ type: 'spki', format: 'pem' }).toString(), {
    sub: instanceId,
    ptype: 'instance',
    ttype: 'x509',
    'opc-certtype': 'instance',
    'opc-instance': instanceId,
    'opc-compartment': compartmentId,
    'opc-tenant': identity.description.tenancy,
    res_compartment: compartmentId,
    fprint: createHash('sha1').update(leaf.raw).digest('hex').toUpperCase(),
  });
  const answer = Buffer.from(JSON.stringify({ token }), 'utf8');
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(answer.length) });
  res.end(answer);
}

/** Whatever of the body parses; what is missing or malformed stays undefined, for the checks to name. */
function parseFederationRequest(body: Buffer): FederationRequest {
  let json: Record<string, unknown> = {};
  try {
    const parsed = JSON.parse(body.toString('utf8')) as unknown;
    if (typeof parsed === 'object' && parsed !== null) json = parsed as Record<string, unknown>;
  } catch {
    // An unparseable body carries no certificate: the signature check refuses it.
  }
  const intermediates = Array.isArray(json['intermediateCertificates']) ? json['intermediateCertificates'] : [];
  return {
    leaf: certificateOf(json['certificate']),
    intermediates: intermediates.map(certificateOf).filter((c): c is X509Certificate => c !== undefined),
    sessionKey: publicKeyOf(json['publicKey']),
    purpose: json['purpose'],
  };
}

function certificateOf(value: unknown): X509Certificate | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  try {
    return new X509Certificate(Buffer.from(value, 'base64'));
  } catch {
    return undefined;
  }
}

function publicKeyOf(value: unknown): KeyObject | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  try {
    const key = createPublicKey({ key: Buffer.from(value, 'base64'), format: 'der', type: 'spki' });
    return key.asymmetricKeyType === 'rsa' ? key : undefined;
  } catch {
    return undefined;
  }
}
