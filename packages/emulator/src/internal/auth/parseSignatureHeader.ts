/** The parameters of an `Authorization: Signature ...` header, names lower-cased. */
export interface SignatureParameters {
  readonly version: string | undefined;
  readonly keyId: string;
  readonly algorithm: string;
  /** The signed header names, lower-cased, in signing order. */
  readonly headers: readonly string[];
  readonly signature: string;
}

const parameter = /\s*([A-Za-z]+)\s*=\s*"([^"]*)"\s*(,|$)/y;

/**
 * Parses `Signature version="1",keyId="...",algorithm="rsa-sha256",headers="...",signature="..."`
 * with the parameters in any order and any letter case, as OCI accepts them.
 * Returns a message saying what is wrong instead of throwing, because the caller turns
 * it into a 401 body; messages never repeat the header's content. Hand-written: the
 * emulator takes no dependencies, and the verifying side of OCI's scheme has no maintained
 * library (oci-common only signs).
 *
 * @example
 * parseSignatureHeader('Signature keyId="k",Algorithm="rsa-sha256",headers="Host",signature="c2ln"');
 * // { version: undefined, keyId: 'k', algorithm: 'rsa-sha256', headers: ['host'], signature: 'c2ln' }
 */
export function parseSignatureHeader(value: string): SignatureParameters | string {
  const match = /^\s*signature\s+/i.exec(value);
  if (match === null) return 'The Authorization header does not use the Signature scheme';
  const found = new Map<string, string>();
  parameter.lastIndex = match[0].length;
  while (parameter.lastIndex < value.length) {
    const start = parameter.lastIndex;
    const item = parameter.exec(value);
    if (item === null || item.index !== start) return 'The Authorization header is not a list of name="value" parameters';
    const name = (item[1] ?? '').toLowerCase();
    if (found.has(name)) return `The Authorization header repeats the ${name} parameter`;
    found.set(name, item[2] ?? '');
    if (item[3] === '') break;
  }
  for (const required of ['keyid', 'algorithm', 'headers', 'signature']) {
    if (!found.has(required) || found.get(required) === '') return `The Authorization header lacks the ${required === 'keyid' ? 'keyId' : required} parameter`;
  }
  return {
    version: found.get('version'),
    keyId: found.get('keyid') ?? '',
    algorithm: (found.get('algorithm') ?? '').toLowerCase(),
    headers: (found.get('headers') ?? '').trim().split(/\s+/).map((name) => name.toLowerCase()),
    signature: found.get('signature') ?? '',
  };
}
