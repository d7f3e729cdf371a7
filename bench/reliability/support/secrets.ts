import { createPrivateKey } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { inspect } from 'node:util';
import type { Emulator } from '@oci-genai-rx/emulator';

/** Every way a value could reach a log: String(), JSON, util.inspect (hidden fields, causes, stack). */
export function everythingShown(value: unknown): string {
  const parts: string[] = [];
  try {
    parts.push(String(value));
  } catch {
    // An object without a string form: the other renderings still apply.
  }
  try {
    parts.push(JSON.stringify(value) ?? '');
  } catch {
    // Circular: inspect below covers it.
  }
  parts.push(inspect(value, { depth: 12, showHidden: true, getters: true }));
  let cause: unknown = value;
  for (let depth = 0; depth < 6 && cause instanceof Error; depth += 1) {
    parts.push(cause.stack ?? '', cause.message);
    cause = cause.cause;
  }
  return parts.join('\n');
}

/**
 * Finds a secret in `text`: any 24 characters in a row of a PEM body line or of a token (so a
 * partial leak counts), the passphrase, an Authorization header or a signature. Returns what
 * leaked, or undefined.
 */
export function findSecret(text: string, secrets: { readonly pems: readonly string[]; readonly plain: readonly string[] }): string | undefined {
  for (const pem of secrets.pems) {
    for (const line of pem.split('\n').filter((l) => l.length >= 24 && !l.startsWith('-----') && !l.includes(':'))) {
      const piece = windows(line).find((window) => text.includes(window));
      if (piece !== undefined) return `a piece of a PEM key (${piece.slice(0, 8)}…)`;
    }
  }
  for (const secret of secrets.plain) {
    if (secret.length <= 24 ? text.includes(secret) : windows(secret).some((window) => text.includes(window))) return `a secret (${secret.slice(0, 6)}…)`;
  }
  if (/Signature\s+version=/i.test(text)) return 'a signature header value';
  if (/authorization["']?\s*[:=]\s*["']?(Signature|Bearer)/i.test(text)) return 'an Authorization header';
  if (/keyId=["']?(ST\$|ocid1\.tenancy)/i.test(text)) return 'a signature keyId';
  return undefined;
}

/** 20-character windows every 4 characters: any leaked run of 24 characters contains one. */
function windows(text: string): string[] {
  const result: string[] = [];
  for (let offset = 0; offset + 20 <= text.length; offset += 4) result.push(text.slice(offset, offset + 20));
  return result;
}

/** A passphrase that must never be shown. */
export const passphrase = 'correct-horse-battery-staple-4242';

/** Config files for the emulator's identities: a plain key, the same key encrypted, and a session token. */
export interface SecretSetup {
  readonly folder: string;
  readonly configFile: string;
  /** The emulator's API key, encrypted with {@link passphrase} (PKCS#8 PEM). */
  readonly encryptedPem: string;
  /** A Generative AI API key of another region, which the emulator refuses with 401. */
  readonly foreignApiKey: string;
  readonly secrets: { readonly pems: readonly string[]; readonly plain: readonly string[] };
}

/** Folders made by this file's test run, removed when it ends. */
const createdFolders: string[] = [];
afterAll(() => {
  for (const folder of createdFolders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/**
 * Writes a config file with profiles PLAIN (unencrypted key), ENCRYPTED (key + pass_phrase),
 * WRONG_PASS (key + a wrong pass_phrase) and SESSION (security_token_file), all for the emulator.
 */
export function writeSecretSetup(emulator: Emulator): SecretSetup {
  const { credentials } = emulator;
  const folder = mkdtempSync(join(tmpdir(), 'oci-genai-rx-secrets-'));
  createdFolders.push(folder);
  const file = (name: string, content: string): string => {
    const path = join(folder, name);
    writeFileSync(path, content, { mode: 0o600 });
    return path;
  };
  const foreignApiKey = credentials.issueApiKey('eu-frankfurt-1');
  const encryptedPem = createPrivateKey(credentials.privateKeyPem).export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase }).toString();
  const plainKey = file('plain.pem', credentials.privateKeyPem);
  const encryptedKey = file('encrypted.pem', encryptedPem);
  const sessionKey = file('session.pem', credentials.sessionPrivateKeyPem);
  const tokenFile = file('token', credentials.sessionToken);
  const identity = `tenancy=${credentials.tenancy}\nuser=${credentials.user}\nfingerprint=${credentials.fingerprint}\nregion=${credentials.region}`;
  const configFile = file(
    'config',
    [
      `[PLAIN]\n${identity}\nkey_file=${plainKey}`,
      `[ENCRYPTED]\n${identity}\nkey_file=${encryptedKey}\npass_phrase=${passphrase}`,
      `[WRONG_PASS]\n${identity}\nkey_file=${encryptedKey}\npass_phrase=${passphrase}-wrong`,
      `[SESSION]\n${identity}\nkey_file=${sessionKey}\nsecurity_token_file=${tokenFile}`,
      '',
    ].join('\n\n'),
  );
  return {
    folder,
    configFile,
    encryptedPem,
    foreignApiKey,
    secrets: {
      pems: [credentials.privateKeyPem, encryptedPem, credentials.sessionPrivateKeyPem],
      // The Generative AI API keys (bearer secrets), of this region and of another.
      plain: [passphrase, credentials.sessionToken, credentials.apiKey, foreignApiKey],
    },
  };
}
