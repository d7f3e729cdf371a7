import { createHash, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

/** Folders made by this file's test run, removed when it ends. */
const createdFolders: string[] = [];
afterAll(() => {
  for (const folder of createdFolders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** A fresh RSA key as OCI API keys are, with its OCI fingerprint (MD5 of the DER public key). */
export interface TestKey {
  readonly privateKeyPem: string;
  readonly publicKeyPem: string;
  readonly fingerprint: string;
}

export function generateTestKey(encryption?: { passphrase: string; type: 'pkcs1' | 'pkcs8' }): TestKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: encryption === undefined
      ? { type: 'pkcs8', format: 'pem' }
      : { type: encryption.type, format: 'pem', cipher: 'aes-256-cbc', passphrase: encryption.passphrase },
  });
  const der = createPublicKey(publicKey).export({ type: 'spki', format: 'der' });
  const fingerprint = createHash('md5').update(der).digest('hex').match(/../g)!.join(':');
  return { privateKeyPem: privateKey, publicKeyPem: publicKey, fingerprint };
}

/** A temporary folder for config files and keys, removed after the test file. */
export function tempFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'oci-genai-rx-'));
  createdFolders.push(folder);
  return folder;
}

/** Writes `text` to `folder/name` (mode 0600, like key files should be) and returns the path. */
export function writeFile(folder: string, name: string, text: string): string {
  const path = join(folder, name);
  writeFileSync(path, text, { mode: 0o600 });
  return path;
}
