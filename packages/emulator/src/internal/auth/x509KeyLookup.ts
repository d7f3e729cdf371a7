import { createHash, type X509Certificate } from 'node:crypto';
import type { PublicKeyLookup } from '../../verifySignature.js';
import { opcSubjectField } from './opcSubjectField.js';

/** What the key lookup of an X.509 federation request checks against. */
export interface X509Trust {
  /** The certificate the request body carries (`certificate`), if it parsed. */
  readonly leaf: X509Certificate | undefined;
  /** The intermediates it carries (`intermediateCertificates`). */
  readonly intermediates: readonly X509Certificate[];
  /** The CA the intermediate must be issued by. */
  readonly root: X509Certificate;
  /** The only tenancy whose instances this emulator federates. */
  readonly tenancy: string;
  readonly now: number;
}

const fedX509KeyId = /^(.+)\/fed-x509\/([0-9a-f:]+)$/i;

/**
 * The key lookup for the federation endpoint: a keyId `<tenancy>/fed-x509/<SHA-1 fingerprint>`
 * (what oci-common's X509FederationClient signs with) resolves to the public key of the leaf
 * certificate in the request, once the fingerprint is that certificate's, the tenancy is the
 * one in its `OU=opc-tenant:` and this emulator's, and the leaf chains through one of the
 * intermediates to the emulator's root CA within their validity. Other keyIds are unknown.
 *
 * @example
 * verifySignature(request, { publicKeyFor: x509KeyLookup({ leaf, intermediates, root, tenancy, now: Date.now() }) });
 */
export function x509KeyLookup(trust: X509Trust): (keyId: string) => PublicKeyLookup | undefined {
  return (keyId) => {
    const match = fedX509KeyId.exec(keyId);
    if (match === null) return undefined;
    const { leaf } = trust;
    if (leaf === undefined) return { rejection: 'The request body carries no X.509 certificate' };
    const fingerprint = createHash('sha1').update(leaf.raw).digest('hex');
    if ((match[2] ?? '').replaceAll(':', '').toLowerCase() !== fingerprint) {
      return { rejection: 'The keyId fingerprint is not the SHA-1 fingerprint of the certificate' };
    }
    const tenancy = opcSubjectField(leaf, 'opc-tenant');
    if (tenancy !== match[1]) return { rejection: 'The keyId tenancy is not the opc-tenant of the certificate' };
    if (tenancy !== trust.tenancy) return { rejection: 'The certificate belongs to another tenancy' };
    const issuer = trust.intermediates.find((candidate) => issuedBy(leaf, candidate));
    if (issuer === undefined) return { rejection: 'The certificate is not signed by any of the intermediate certificates' };
    if (!issuedBy(issuer, trust.root)) {
      return { rejection: 'The intermediate certificate is not issued by this service' };
    }
    if (!isValidAt(leaf, trust.now) || !isValidAt(issuer, trust.now)) return { rejection: 'The certificate is expired or not yet valid' };
    return { publicKey: leaf.publicKey };
  };
}

function issuedBy(certificate: X509Certificate, issuer: X509Certificate): boolean {
  try {
    return certificate.checkIssued(issuer) && certificate.verify(issuer.publicKey);
  } catch {
    return false; // a key the verifier cannot use is no issuer
  }
}

function isValidAt(certificate: X509Certificate, now: number): boolean {
  return Date.parse(certificate.validFrom) <= now && now <= Date.parse(certificate.validTo);
}
