import type { IncomingMessage, ServerResponse } from 'node:http';
import type { InstanceCertificates } from './CertificateAuthority.js';
import type { InstanceIdentity } from './InstanceIdentity.js';
import { ServiceError } from '../server/ServiceError.js';

/** Where the emulator serves its instance metadata service (IMDS v2's path on 169.254.169.254). */
export const instanceMetadataPath = '/opc/v2/';

type Answer = (identity: InstanceIdentity) => string | Promise<string>;
const certificate = (pick: (certificates: InstanceCertificates) => string): Answer => async (identity) => pick(await identity.certificates());

/** What the service answers, by path below `/opc/v2/`: plain text, as IMDS does. */
const answers: ReadonlyMap<string, Answer> = new Map<string, Answer>([
  ['instance/region', (identity) => identity.description.region],
  ['instance/canonicalRegionName', (identity) => identity.description.region],
  ['instance/id', (identity) => identity.description.instanceId],
  ['instance/compartmentId', (identity) => identity.description.compartmentId],
  ['instance/tenantId', (identity) => identity.description.tenancy],
  ['identity/cert.pem', certificate((c) => c.certificatePem)],
  ['identity/key.pem', certificate((c) => c.privateKeyPem)],
  ['identity/intermediate.pem', certificate((c) => c.intermediatePem)],
]);

/**
 * Answers a request below `/opc/v2/` like the instance metadata service v2: GET only, with
 * `Authorization: Bearer Oracle` (else 401), the instance's region, ids and identity
 * certificates as plain text, 404 for other paths. Throws a ServiceError to refuse.
 *
 * @example
 * await serveInstanceMetadata(req, res, identity); // GET /opc/v2/instance/region → 'us-chicago-1'
 */
export async function serveInstanceMetadata(req: IncomingMessage, res: ServerResponse, identity: InstanceIdentity): Promise<void> {
  const path = (req.url ?? '').split('?')[0] ?? '';
  const answer = answers.get(path.slice(instanceMetadataPath.length));
  if (answer === undefined) throw new ServiceError(`The instance metadata service has nothing at ${path}.`, { status: 404, code: 'NotFound' });
  if (req.method !== 'GET') throw new ServiceError(`${path} takes GET only.`, { status: 405, code: 'MethodNotAllowed', headers: { allow: 'GET' } });
  if ((req.headers.authorization ?? '').trim() !== 'Bearer Oracle') {
    throw new ServiceError('The instance metadata service v2 needs the header Authorization: Bearer Oracle.', { status: 401, code: 'NotAuthenticated' });
  }
  const body = Buffer.from(await answer(identity), 'utf8');
  res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', 'content-length': String(body.length) });
  res.end(body);
}
