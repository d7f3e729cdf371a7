import { DefaultRequestSigner, Region, SimpleAuthenticationDetailsProvider } from 'oci-common';
import type { Emulator } from '../../src/index.js';

/** Signs like a client would, with oci-common, from the emulator's API key (or another key/keyId). */
export async function signedHeaders(
  emulator: Emulator,
  path: string,
  body: string,
  options: { method?: string; headers?: Record<string, string>; keyId?: string; privateKeyPem?: string; url?: string } = {},
): Promise<Record<string, string>> {
  const { tenancy, user, fingerprint, privateKeyPem } = emulator.credentials;
  const key = options.privateKeyPem ?? privateKeyPem;
  const provider =
    options.keyId === undefined
      ? new SimpleAuthenticationDetailsProvider(tenancy, user, fingerprint, key, null, Region.US_CHICAGO_1)
      : { getKeyId: () => Promise.resolve(options.keyId ?? ''), getPrivateKey: () => key, getPassphrase: () => null };
  const signer = new DefaultRequestSigner(provider);
  const headers = new Headers(options.headers ?? {});
  const method = (options.method ?? 'POST') as 'POST';
  await signer.signHttpRequest({ method, uri: `${options.url ?? emulator.url}${path}`, headers, body });
  const record: Record<string, string> = {};
  headers.forEach((value, name) => {
    record[name] = value;
  });
  return record;
}
