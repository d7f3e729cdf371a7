import { createPrivateKey } from 'node:crypto';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Emulator } from '@oci-genai-rx/emulator';
import { startEmulator } from '@oci-genai-rx/emulator';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AuthOption } from '../src/index.js';
import { ConfigurationError, createClient } from '../src/index.js';
import { settle, textOf } from './support/emulatorClient.js';
import type { TestKey } from './support/keys.js';
import { generateTestKey, tempFolder, writeFile } from './support/keys.js';

const TENANCY = 'ocid1.tenancy.oc1..testtenancy';
const USER = 'ocid1.user.oc1..testuser';
const PASSPHRASE = 'correct horse battery staple';

const plainKey = generateTestKey();
const pkcs1Key = generateTestKey({ passphrase: PASSPHRASE, type: 'pkcs1' });
const pkcs8Key = generateTestKey({ passphrase: PASSPHRASE, type: 'pkcs8' });
const keyId = (key: TestKey) => `${TENANCY}/${USER}/${key.fingerprint}`;

let emulator: Emulator;
const folder = tempFolder();

beforeAll(async () => {
  emulator = await startEmulator({
    tokens: 8,
    trustedKeys: [plainKey, pkcs1Key, pkcs8Key].map((k) => ({ keyId: keyId(k), publicKeyPem: k.publicKeyPem })),
  });
});
afterAll(() => emulator.close());
afterEach(() => {
  vi.unstubAllEnvs();
});

/** Writes an ~/.oci/config with one profile and returns its path. */
function configFile(name: string, profile: string, lines: Record<string, string>): string {
  const body = Object.entries({ tenancy: TENANCY, region: 'us-chicago-1', ...lines }).map(([k, v]) => `${k}=${v}`).join('\n');
  return writeFile(folder, name, `[${profile}]\n${body}\n`);
}

function profileFor(key: TestKey, extra: Record<string, string> = {}): Record<string, string> {
  return { user: USER, fingerprint: key.fingerprint, key_file: writeFile(folder, `${key.fingerprint.slice(0, 8)}.pem`, key.privateKeyPem), ...extra };
}

async function chatWith(auth: AuthOption | undefined) {
  const client = createClient({ ...(auth === undefined ? {} : { auth }), endpoint: emulator.url, compartmentId: emulator.credentials.compartmentId });
  try {
    return await settle(client.chat({ model: 'meta.llama-3.3-70b-instruct', prompt: 'Hi' }));
  } finally {
    await client.close();
  }
}

function configurationError(run: () => unknown): ConfigurationError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError);
    return error as ConfigurationError;
  }
  throw new Error('expected a ConfigurationError');
}

describe('authentication from a config file', () => {
  it('signs with the key of a named profile', async () => {
    const path = configFile('named', 'CHICAGO', profileFor(plainKey));
    const { events, error } = await chatWith({ type: 'config-file', configFile: path, profile: 'CHICAGO' });
    expect(error).toBeUndefined();
    expect(textOf(events).length).toBeGreaterThan(0);
  });

  it('honours OCI_CONFIG_FILE and OCI_CLI_PROFILE when no auth is given', async () => {
    vi.stubEnv('OCI_CONFIG_FILE', configFile('env', 'FROM_ENV', profileFor(plainKey)));
    vi.stubEnv('OCI_CLI_PROFILE', 'FROM_ENV');
    const { error } = await chatWith(undefined);
    expect(error).toBeUndefined();
  });

  it.each([['PKCS#1', pkcs1Key], ['PKCS#8', pkcs8Key]])('decrypts a passphrase-protected %s key with pass_phrase', async (_kind, key) => {
    const path = configFile(`enc-${key.fingerprint.slice(0, 5)}`, 'DEFAULT', profileFor(key, { pass_phrase: PASSPHRASE }));
    const { error } = await chatWith({ type: 'config-file', configFile: path });
    expect(error).toBeUndefined();
  });

  it('says pass_phrase is wrong, without quoting it', () => {
    const path = configFile('wrongpass', 'DEFAULT', profileFor(pkcs1Key, { pass_phrase: 'not the passphrase' }));
    const error = configurationError(() => createClient({ auth: { type: 'config-file', configFile: path }, endpoint: emulator.url }));
    expect(error.setting).toBe('pass_phrase');
    expect(error.message).not.toContain('not the passphrase');
  });

  it('says pass_phrase is wrong even for a wrong passphrase that passes the cipher padding check', () => {
    // About one wrong passphrase in 256 decrypts to garbage with valid padding and fails later,
    // as malformed ASN.1: find one, so that this case is tested every run, not by chance.
    let lucky: string | undefined;
    for (let i = 0; i < 5000 && lucky === undefined; i++) {
      try {
        createPrivateKey({ key: pkcs1Key.privateKeyPem, format: 'pem', passphrase: `wrong-${i}` });
      } catch (error) {
        if (!/decrypt/i.test(`${String((error as { code?: unknown }).code)} ${(error as Error).message}`)) lucky = `wrong-${i}`;
      }
    }
    expect(lucky).toBeDefined();
    const auth = { type: 'api-key', tenancy: TENANCY, user: USER, fingerprint: pkcs1Key.fingerprint, privateKey: pkcs1Key.privateKeyPem, passphrase: lucky! } as const;
    expect(configurationError(() => createClient({ auth, endpoint: emulator.url })).setting).toBe('pass_phrase');
  });

  it('says pass_phrase is missing for an encrypted key', () => {
    const path = configFile('nopass', 'DEFAULT', profileFor(pkcs1Key));
    expect(configurationError(() => createClient({ auth: { type: 'config-file', configFile: path }, endpoint: emulator.url })).setting).toBe('pass_phrase');
  });

  it('says how to give the missing passphrase without a key=value fragment a redactor would take for a secret', () => {
    const path = configFile('nopassfix', 'DEFAULT', profileFor(pkcs1Key));
    const error = configurationError(() => createClient({ auth: { type: 'config-file', configFile: path }, endpoint: emulator.url }));
    expect(error.fix).toBe("Add the key's passphrase to the profile as its pass_phrase setting (or, with auth type 'api-key', give passphrase).");
  });

  it('says key_file cannot be read when it does not exist', () => {
    const path = configFile('nokey', 'DEFAULT', { ...profileFor(plainKey), key_file: `${folder}/missing.pem` });
    const error = configurationError(() => createClient({ auth: { type: 'config-file', configFile: path }, endpoint: emulator.url }));
    expect(error.setting).toBe('key_file');
  });

  it('names the key_file path it tried, with ~ expanded', () => {
    const path = configFile('nokeyhome', 'DEFAULT', { ...profileFor(plainKey), key_file: '~/no-such-folder/key.pem' });
    const error = configurationError(() => createClient({ auth: { type: 'config-file', configFile: path }, endpoint: emulator.url }));
    expect(error.problem).toBe(`The key_file of profile [DEFAULT] in ${path} cannot be read (tried ${join(homedir(), 'no-such-folder', 'key.pem')}).`);
  });

  it('says the config file is missing and how to make one', () => {
    const error = configurationError(() => createClient({ auth: { type: 'config-file', configFile: `${folder}/none` }, endpoint: emulator.url }));
    expect(error.setting).toBe('configFile');
    expect(error.message).toMatch(/oci setup config/);
  });

  it('says the profile is missing', () => {
    const path = configFile('oneprofile', 'DEFAULT', profileFor(plainKey));
    const error = configurationError(() => createClient({ auth: { type: 'config-file', configFile: path, profile: 'NOPE' }, endpoint: emulator.url }));
    expect(error.setting).toBe('profile');
  });

  it('is rejected by the service when the key is not the one registered', async () => {
    const stranger = generateTestKey();
    const path = configFile('stranger', 'DEFAULT', profileFor(stranger));
    const { error } = await chatWith({ type: 'config-file', configFile: path });
    expect(error).toMatchObject({ status: 401, ociCode: 'NotAuthenticated' });
  });
});

describe('other providers', () => {
  it('signs with an explicit API key', async () => {
    const { error } = await chatWith({ type: 'api-key', tenancy: TENANCY, user: USER, fingerprint: plainKey.fingerprint, privateKey: plainKey.privateKeyPem });
    expect(error).toBeUndefined();
  });

  it('signs with a session token from the config file (oci session authenticate)', async () => {
    const { sessionToken, sessionPrivateKeyPem } = emulator.credentials;
    const path = configFile('session', 'SESSION', {
      fingerprint: 'session',
      key_file: writeFile(folder, 'session.pem', sessionPrivateKeyPem),
      security_token_file: writeFile(folder, 'token', sessionToken),
    });
    const { error } = await chatWith({ type: 'session-token', configFile: path, profile: 'SESSION' });
    expect(error).toBeUndefined();
  });

  it('signs as a resource principal from the OCI_RESOURCE_PRINCIPAL_* variables', async () => {
    const key = generateTestKey();
    const token = emulator.credentials.issueSessionToken(key.publicKeyPem, { ptype: 'resource' });
    vi.stubEnv('OCI_RESOURCE_PRINCIPAL_VERSION', '2.2');
    vi.stubEnv('OCI_RESOURCE_PRINCIPAL_RPST', token);
    vi.stubEnv('OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM', writeFile(folder, 'rp.pem', key.privateKeyPem));
    vi.stubEnv('OCI_RESOURCE_PRINCIPAL_REGION', 'us-chicago-1');
    const { error } = await chatWith({ type: 'resource-principal' });
    expect(error).toBeUndefined();
  });
});
