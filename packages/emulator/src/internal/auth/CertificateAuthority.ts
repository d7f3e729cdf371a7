import { generateKeyPair, randomBytes, X509Certificate, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
// node-forge writes the X.509 certificates. node:crypto parses and verifies them
// (X509Certificate) but cannot create one, and DER-encoding a TBSCertificate by hand is what a
// well-kept library should own. Chosen over @peculiar/x509, whose 2.x needs a global Reflect
// polyfill (reflect-metadata) imported ahead of it: a global side effect this package must not have.
import forge from 'node-forge';

const generateRsaKeyPair = promisify(generateKeyPair);

type KeyPair = { publicKey: KeyObject; privateKey: KeyObject };
type Issuer = { readonly certificate: forge.pki.Certificate; readonly key: KeyPair };

/** One attribute of a certificate subject, e.g. `['OU', 'opc-tenant:ocid1.tenancy…']`. */
export type NameAttribute = readonly [shortName: 'CN' | 'O' | 'OU', value: string];

/** What an instance's identity endpoints of IMDS serve: PEM texts. */
export interface InstanceCertificates {
  /** The leaf certificate (`identity/cert.pem`). */
  readonly certificatePem: string;
  /** Its private key, PKCS#1 PEM as IMDS serves it (`identity/key.pem`). */
  readonly privateKeyPem: string;
  /** The intermediate CA that signed the leaf (`identity/intermediate.pem`). */
  readonly intermediatePem: string;
}

let shared: Promise<CertificateAuthority> | undefined;

/**
 * The emulator's stand-in for OCI's identity PKI: a root CA (the trust anchor, never served),
 * an intermediate CA that signs instance certificates, and the instance key pair. Made once
 * per process, on first use, and shared by its emulators like their other keys: it costs three
 * RSA key pairs and two signatures in JavaScript, which tests that never use instance
 * principals should not pay. Each emulator still issues its own leaf (its own tenancy).
 *
 * @example
 * const ca = await CertificateAuthority.shared();
 * const { certificatePem } = ca.issueInstanceCertificate([['CN', instanceId], ['OU', `opc-tenant:${tenancy}`]], Date.now());
 */
export class CertificateAuthority {
  private constructor(
    /** The trust anchor the federation endpoint checks intermediates against. */
    readonly root: X509Certificate,
    private readonly intermediate: Issuer,
    private readonly instanceKey: KeyPair,
  ) {}

  /** The process's authority, made on the first call. */
  static shared(): Promise<CertificateAuthority> {
    shared ??= CertificateAuthority.create().catch((error: unknown) => {
      shared = undefined;
      throw error;
    });
    return shared;
  }

  private static async create(): Promise<CertificateAuthority> {
    const [rootKey, intermediateKey, instanceKey] = await Promise.all([rsaKeyPair(), rsaKeyPair(), rsaKeyPair()]);
    // Fixed, wide validity for the CAs: an emulator's `now` option may be far from the real clock.
    const validity = { notBefore: new Date('2000-01-01T00:00:00Z'), notAfter: new Date('2099-12-31T23:59:59Z') };
    const rootName: NameAttribute[] = [['CN', 'Emulator Identity Root'], ['O', 'oci-genai-rx emulator']];
    const root = writeCertificate({ subject: rootName, key: rootKey.publicKey, validity, role: 'ca' }, undefined, rootKey);
    const intermediate = writeCertificate(
      { subject: [['CN', 'Emulator Identity Intermediate'], ['O', 'oci-genai-rx emulator']], key: intermediateKey.publicKey, validity, role: 'intermediate' },
      root,
      rootKey,
    );
    return new CertificateAuthority(
      new X509Certificate(forge.pki.certificateToPem(root)),
      { certificate: intermediate, key: intermediateKey },
      instanceKey,
    );
  }

  /**
   * A leaf certificate for the instance key, signed by the intermediate, valid from an hour
   * before `now` for a year, with the PEM texts IMDS serves.
   */
  issueInstanceCertificate(subject: readonly NameAttribute[], now: number): InstanceCertificates {
    const validity = { notBefore: new Date(now - 3_600_000), notAfter: new Date(now + 365 * 86_400_000) };
    const leaf = writeCertificate({ subject, key: this.instanceKey.publicKey, validity, role: 'leaf' }, this.intermediate.certificate, this.intermediate.key);
    return {
      certificatePem: forge.pki.certificateToPem(leaf),
      privateKeyPem: this.instanceKey.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
      intermediatePem: forge.pki.certificateToPem(this.intermediate.certificate),
    };
  }
}

interface CertificateSpec {
  readonly subject: readonly NameAttribute[];
  readonly key: KeyObject;
  readonly validity: { readonly notBefore: Date; readonly notAfter: Date };
  readonly role: 'ca' | 'intermediate' | 'leaf';
}

/** Writes and signs one certificate; `issuer` undefined means self-signed. */
function writeCertificate(spec: CertificateSpec, issuer: forge.pki.Certificate | undefined, signer: KeyPair): forge.pki.Certificate {
  const certificate = forge.pki.createCertificate();
  certificate.publicKey = forge.pki.publicKeyFromPem(spec.key.export({ type: 'spki', format: 'pem' }).toString());
  // 16 bytes, random but for a leading 01 that keeps the DER integer positive.
  certificate.serialNumber = `01${randomBytes(15).toString('hex')}`;
  certificate.validity.notBefore = spec.validity.notBefore;
  certificate.validity.notAfter = spec.validity.notAfter;
  const subject = spec.subject.map(([shortName, value]) => ({ shortName, value }));
  certificate.setSubject(subject);
  certificate.setIssuer(issuer === undefined ? subject : issuer.subject.attributes);
  const authorityKeyId = (issuer ?? certificate).generateSubjectKeyIdentifier().getBytes();
  certificate.setExtensions([
    spec.role === 'leaf'
      ? { name: 'basicConstraints', cA: false, critical: true }
      : { name: 'basicConstraints', cA: true, critical: true, ...(spec.role === 'intermediate' ? { pathLenConstraint: 0 } : {}) },
    spec.role === 'leaf'
      ? { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true }
      : { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    ...(spec.role === 'leaf' ? [{ name: 'extKeyUsage', clientAuth: true }] : []),
    { name: 'subjectKeyIdentifier' },
    // Explicit bytes: forge's `keyIdentifier: true` would take the subject's own key.
    { name: 'authorityKeyIdentifier', keyIdentifier: authorityKeyId },
  ]);
  const signingKey = forge.pki.privateKeyFromPem(signer.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
  certificate.sign(signingKey, forge.md.sha256.create());
  return certificate;
}

function rsaKeyPair(): Promise<KeyPair> {
  return generateRsaKeyPair('rsa', { modulusLength: 2048 });
}
