import { startEmulator } from '@oci-genai-rx/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../src/index.js';
import type { Harness } from './support/emulatorClient.js';
import { settle, startHarness } from './support/emulatorClient.js';
import { generateTestKey, tempFolder, writeFile } from './support/keys.js';

const PASSPHRASE = 'pass-phrase-that-must-never-leak';

/** Everything an error exposes: message, stack, every own property, and its causes, as text. */
function exposed(error: unknown, depth = 0): string {
  if (depth > 4 || error === null || error === undefined) return '';
  if (typeof error !== 'object') return JSON.stringify(error) ?? '';
  const parts = [error instanceof Error ? `${error.name}: ${error.message}\n${error.stack ?? ''}` : ''];
  for (const name of Object.getOwnPropertyNames(error)) {
    parts.push(name, exposed((error as Record<string, unknown>)[name], depth + 1));
  }
  return parts.join('\n');
}

/** Distinctive pieces of a secret: long enough to be unmistakable, short enough to catch a partial leak. */
function fragments(secret: string): string[] {
  const lines = secret.split('\n').filter((l) => l.length >= 40 && !l.startsWith('-----'));
  return lines.length > 0 ? lines.map((l) => l.slice(0, 40)) : [secret.slice(0, 40)];
}

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ tokens: 10 });
});
afterAll(() => h.close());

describe('errors never carry secrets', () => {
  it('keeps the key, the session token and the Authorization header out of every failure', async () => {
    const { credentials } = h.emulator;
    const errors: unknown[] = [];
    for (const fault of ['status=401', 'status=429;retry-after=1', 'status=500;non-json-error', 'disconnect-after=2', 'garbage-after=1', 'redirect']) {
      errors.push((await settle(h.client.chat({ model: 'meta.llama-3.3-70b-instruct', prompt: 'Hi', headers: { 'x-emulator-fault': fault } }))).error);
    }
    const stranger = generateTestKey();
    const wrongKey = createClient({
      endpoint: h.emulator.url,
      compartmentId: credentials.compartmentId,
      auth: { type: 'api-key', tenancy: credentials.tenancy, user: credentials.user, fingerprint: credentials.fingerprint, privateKey: stranger.privateKeyPem },
    });
    errors.push((await settle(wrongKey.chat({ model: 'meta.llama-3.3-70b-instruct', prompt: 'Hi' }))).error);
    await wrongKey.close();

    expect(errors.every((e) => e instanceof Error)).toBe(true);
    const text = errors.map((e) => exposed(e)).join('\n');
    for (const secret of [credentials.privateKeyPem, stranger.privateKeyPem, credentials.sessionToken]) {
      for (const piece of fragments(secret)) expect(text).not.toContain(piece);
    }
    expect(text).not.toMatch(/Signature version=/i);
    expect(text).not.toMatch(/authorization:/i);
  });

  it('keeps the passphrase and the key out of configuration errors', async () => {
    const emulator = await startEmulator();
    try {
      const key = generateTestKey({ passphrase: PASSPHRASE, type: 'pkcs1' });
      const folder = tempFolder();
      const keyFile = writeFile(folder, 'key.pem', key.privateKeyPem);
      const config = writeFile(folder, 'config', `[DEFAULT]\ntenancy=t\nuser=u\nfingerprint=${key.fingerprint}\nregion=us-chicago-1\nkey_file=${keyFile}\npass_phrase=${PASSPHRASE}x\n`);
      let error: unknown;
      try {
        createClient({ auth: { type: 'config-file', configFile: config }, endpoint: emulator.url });
      } catch (e) {
        error = e;
      }
      const text = exposed(error);
      expect(text).toMatch(/pass_phrase/);
      expect(text).not.toContain(PASSPHRASE);
      for (const piece of fragments(key.privateKeyPem)) expect(text).not.toContain(piece);
    } finally {
      await emulator.close();
    }
  });
});
