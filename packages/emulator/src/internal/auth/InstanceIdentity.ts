import type { X509Certificate } from 'node:crypto';
import { CertificateAuthority, type InstanceCertificates, type NameAttribute } from './CertificateAuthority.js';

/** The compute instance an emulator plays, as its metadata service describes it. */
export interface InstanceDescription {
  readonly instanceId: string;
  readonly tenancy: string;
  readonly compartmentId: string;
  /** Region id, e.g. 'us-chicago-1'. */
  readonly region: string;
}

/**
 * One emulator's instance identity: its description, and its leaf certificate, issued on the
 * first request that needs it (then kept) by the process's `CertificateAuthority`, with the
 * subject OCI gives instance certificates.
 *
 * @example
 * const identity = new InstanceIdentity({ instanceId, tenancy, compartmentId, region: 'us-chicago-1' }, Date.now);
 * (await identity.certificates()).certificatePem; // '-----BEGIN CERTIFICATE-----\r\n…'
 */
export class InstanceIdentity {
  #certificates: Promise<InstanceCertificates> | undefined;

  constructor(
    readonly description: InstanceDescription,
    private readonly now: () => number,
  ) {}

  /** The leaf, its key and the intermediate, as PEM. */
  certificates(): Promise<InstanceCertificates> {
    this.#certificates ??= CertificateAuthority.shared()
      .then((authority) => authority.issueInstanceCertificate(this.#subject(), this.now()))
      .catch((error: unknown) => {
        this.#certificates = undefined;
        throw error;
      });
    return this.#certificates;
  }

  /** The CA every intermediate must chain to. */
  async trustAnchor(): Promise<X509Certificate> {
    return (await CertificateAuthority.shared()).root;
  }

  #subject(): NameAttribute[] {
    const { instanceId, tenancy, compartmentId } = this.description;
    return [
      ['CN', instanceId],
      ['OU', 'opc-certtype:instance'],
      ['OU', `opc-compartment:${compartmentId}`],
      ['OU', `opc-instance:${instanceId}`],
      ['OU', `opc-tenant:${tenancy}`],
    ];
  }
}
