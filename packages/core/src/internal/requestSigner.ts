import { createPrivateKey } from 'node:crypto';
import type { AuthenticationDetailsProvider } from 'oci-common';
import { DefaultRequestSigner } from 'oci-common';
import { ConfigurationError } from '../errors.js';

/**
 * oci-common's signer for a provider. The private key is checked first, so a wrong or missing
 * passphrase is reported here, as a setting to fix, and never with the key in the message.
 */
export function createRequestSigner(provider: AuthenticationDetailsProvider): DefaultRequestSigner {
  checkPrivateKey(provider);
  try {
    return new DefaultRequestSigner(provider);
  } catch {
    return fail('key_file', 'The private key could not be parsed as a PEM RSA key.', 'Point key_file at the PEM private key you uploaded to OCI.');
  }
}

/**
 * Parses the key with node:crypto before oci-common's parser (sshpk) sees it. Written by hand
 * because sshpk, given a wrong passphrase, throws a misleading parse error AND raises an
 * uncaught exception from a stream's 'error' handler a tick later, which would crash the
 * process. Providers that sign with their own session keys (getAuthType set) are skipped,
 * as DefaultRequestSigner skips them.
 */
function checkPrivateKey(provider: AuthenticationDetailsProvider): void {
  const withType = provider as { getAuthType?: () => string | undefined };
  if (typeof withType.getAuthType === 'function' && withType.getAuthType()) return;
  const passphrase = provider.getPassphrase();
  const key = provider.getPrivateKey();
  if (!passphrase && /ENCRYPTED/.test(key)) {
    fail('pass_phrase', 'The private key is encrypted and no passphrase was given.', "Add the key's passphrase to the profile as its pass_phrase setting (or, with auth type 'api-key', give passphrase).");
  }
  try {
    createPrivateKey({ key, format: 'pem', ...(passphrase ? { passphrase } : {}) });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const message = error instanceof Error ? error.message : '';
    // An encrypted key that does not parse with the passphrase given: the passphrase is wrong.
    // (A wrong passphrase passes the cipher's padding check about once in 256 tries and then
    // fails as garbled ASN.1 rather than "bad decrypt", so the message alone cannot tell.)
    if (/ENCRYPTED/.test(key) || /decrypt/i.test(`${String(code)} ${message}`)) {
      fail('pass_phrase', 'The passphrase does not decrypt the private key.', "Check the profile's pass_phrase setting (or, with auth type 'api-key', passphrase).");
    }
    fail('key_file', 'The private key could not be parsed as a PEM key.', 'Point key_file at the PEM private key you uploaded to OCI.');
  }
}

function fail(setting: string, problem: string, fix: string): never {
  // No cause attached: a key parser's error could quote key material.
  throw new ConfigurationError(problem, { setting, fix });
}
