import type { X509Certificate } from 'node:crypto';

/**
 * A field OCI puts in the OUs of an instance certificate's subject, as `OU=<name>:<value>`
 * (`opc-tenant`, `opc-instance`, `opc-compartment`, `opc-certtype`); oci-common reads the
 * tenancy from `opc-tenant` the same way.
 *
 * @example
 * opcSubjectField(certificate, 'opc-tenant'); // 'ocid1.tenancy.oc1..aaaa…', or undefined
 */
export function opcSubjectField(certificate: X509Certificate, name: string): string | undefined {
  const prefix = `OU=${name}:`;
  return certificate.subject
    .split('\n')
    .find((line) => line.startsWith(prefix))
    ?.slice(prefix.length);
}
