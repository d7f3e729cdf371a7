import type { AuthenticationDetailsProvider } from 'oci-common';
import { DefaultRequestSigner } from 'oci-common';
import { ConfigurationError } from '../errors.js';

/**
 * oci-common's signer for a provider. It parses the private key at once, so a wrong or missing
 * passphrase is reported here, as a setting to fix, and never with the key in the message.
 */
export function createRequestSigner(provider: AuthenticationDetailsProvider): DefaultRequestSigner {
  try {
    return new DefaultRequestSigner(provider);
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    const message = error instanceof Error ? error.message : String(error);
    if (name === 'KeyEncryptedError' || /encrypted/i.test(message)) {
      return fail('pass_phrase', 'The private key is encrypted and no passphrase was given.', 'Add pass_phrase= to the profile, or pass passphrase.');
    }
    if (/passphrase|decrypt/i.test(message)) {
      return fail('pass_phrase', 'The passphrase does not decrypt the private key.', 'Check pass_phrase in the profile (or passphrase).');
    }
    return fail('key_file', 'The private key could not be parsed as a PEM RSA key.', 'Point key_file at the PEM private key you uploaded to OCI.');
  }
}

function fail(setting: string, problem: string, fix: string): never {
  // No cause attached: a key parser's error could quote key material.
  throw new ConfigurationError(setting, problem, fix);
}
