import { createHash, generateKeyPairSync, X509Certificate, type KeyObject } from 'node:crypto';
import forge from 'node-forge';
import type { Emulator } from '../../src/index.js';
import { signedHeaders } from './signing.js';

export const federationPath = '/v1/x509';

/** What IMDS serves as the instance's identity, parsed. */
export interface InstanceIdentityFiles {
  readonly leaf: X509Certificate;
  readonly leafKeyPem: string;
  readonly intermediate: X509Certificate;
}

/** GET a path below the emulator's IMDS, with `Authorization: Bearer Oracle` unless told otherwise. */
export function getMetadata(emulator: Emulator, path: string, headers: Record<string, string> = { authorization: 'Bearer Oracle' }): Promise<Response> {
  return fetch(`${emulator.instanceMetadataUrl}${path}`, { headers });
}

/** The leaf, its key and the intermediate, from the emulator's IMDS. */
export async function fetchIdentity(emulator: Emulator): Promise<InstanceIdentityFiles> {
  const text = async (path: string) => (await getMetadata(emulator, path)).text();
  return {
    leaf: new X509Certificate(await text('identity/cert.pem')),
    leafKeyPem: await text('identity/key.pem'),
    intermediate: new X509Certificate(await text('identity/intermediate.pem')),
  };
}

/** The keyId oci-common's X509FederationClient signs with. */
export function fedX509KeyId(tenancy: string, leaf: X509Certificate): string {
  const fingerprint = createHash('sha1').update(leaf.raw).digest('hex').match(/../g)?.join(':') ?? '';
  return `${tenancy}/fed-x509/${fingerprint}`;
}

/** A federation body as oci-common sends it: base64 DER, no PEM armour. */
export function federationBody(leaf: X509Certificate, intermediates: readonly X509Certificate[], sessionPublicKey: KeyObject): string {
  return JSON.stringify({
    certificate: leaf.raw.toString('base64'),
    purpose: 'DEFAULT',
    publicKey: sessionPublicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
    intermediateCertificates: intermediates.map((c) => c.raw.toString('base64')),
  });
}

/** POSTs a federation body signed with `keyId` and `privateKeyPem` (unsigned without them); the signed text may differ from the sent one. */
export async function postFederation(
  emulator: Emulator,
  sent: string,
  signer?: { keyId: string; privateKeyPem: string; signedText?: string },
): Promise<{ status: number; json: Record<string, unknown> }> {
  const headers =
    signer === undefined
      ? { 'content-type': 'application/json' }
      : await signedHeaders(emulator, federationPath, signer.signedText ?? sent, { keyId: signer.keyId, privateKeyPem: signer.privateKeyPem });
  const response = await fetch(`${emulator.federationEndpoint}${federationPath}`, { method: 'POST', headers, body: sent });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

/** A fresh RSA key pair, as a session key supplier makes one. */
export function sessionKeyPair(): { publicKey: KeyObject; privateKeyPem: string } {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { publicKey, privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() };
}

/**
 * A leaf for `tenancy` under an intermediate of a stranger's own CA: right subject, right
 * shape, wrong issuer.
 */
export function strangerIdentity(tenancy: string): InstanceIdentityFiles {
  const toForge = (pair: { publicKey: KeyObject; privateKey: KeyObject }) => ({
    publicKey: forge.pki.publicKeyFromPem(pair.publicKey.export({ type: 'spki', format: 'pem' }).toString()),
    privateKey: forge.pki.privateKeyFromPem(pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()),
  });
  const caKey = toForge(generateKeyPairSync('rsa', { modulusLength: 2048 }));
  const leafKey = toForge(generateKeyPairSync('rsa', { modulusLength: 2048 }));
  const make = (subject: string, issuer: string, publicKey: forge.pki.rsa.PublicKey): string => {
    const certificate = forge.pki.createCertificate();
    certificate.publicKey = publicKey;
    certificate.serialNumber = '01';
    certificate.validity.notBefore = new Date(Date.now() - 3_600_000);
    certificate.validity.notAfter = new Date(Date.now() + 3_600_000);
    certificate.setSubject([{ shortName: 'CN', value: subject }, ...(subject === 'leaf' ? [{ shortName: 'OU', value: `opc-tenant:${tenancy}` }] : [])]);
    certificate.setIssuer([{ shortName: 'CN', value: issuer }]);
    certificate.sign(caKey.privateKey, forge.md.sha256.create());
    return forge.pki.certificateToPem(certificate);
  };
  return {
    leaf: new X509Certificate(make('leaf', 'Stranger CA', leafKey.publicKey)),
    leafKeyPem: forge.pki.privateKeyToPem(leafKey.privateKey),
    intermediate: new X509Certificate(make('Stranger CA', 'Stranger CA', caKey.publicKey)),
  };
}
