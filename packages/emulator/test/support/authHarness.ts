import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { startEmulator, type Emulator } from '../../src/index.js';
import { chatPath, genericChat } from './client.js';
import { RawConnection, requestBytes, type RawResponse } from './rawHttp.js';

/** A key the emulator does not know by default; trusted under `trustedKeyId` in the auth harness. */
const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 });
export const strangerPrivatePem = stranger.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
export const strangerPublicPem = stranger.publicKey.export({ type: 'spki', format: 'pem' }).toString();
export const trustedKeyId = 'ocid1.tenancy.oc1..trusted/ocid1.user.oc1..trusted/11:22:33';

/** What the authentication tests share: an emulator that trusts the stranger key, and a scratch folder. */
export interface AuthHarness {
  readonly emulator: Emulator;
  readonly directory: string;
  /** A valid GENERIC chat body for this emulator. */
  readonly body: () => string;
  /** Sends exactly these headers and body on a raw connection. */
  readonly send: (headers: Record<string, string>, text: string) => Promise<RawResponse>;
}

/** Starts the emulator before the file's tests and closes it (and removes the folder) after them. */
export function useAuthHarness(): AuthHarness {
  let emulator: Emulator | undefined;
  let directory = '';
  beforeAll(async () => {
    emulator = await startEmulator({ tokens: 3, trustedKeys: [{ keyId: trustedKeyId, publicKeyPem: strangerPublicPem }] });
    directory = mkdtempSync(join(tmpdir(), 'emulator-auth-'));
  });
  afterAll(async () => {
    await emulator?.close();
    rmSync(directory, { recursive: true, force: true });
  });
  const started = (): Emulator => {
    if (emulator === undefined) throw new Error('the auth harness is used before beforeAll ran');
    return emulator;
  };
  return {
    get emulator() {
      return started();
    },
    get directory() {
      return directory;
    },
    body: () => JSON.stringify(genericChat(started(), 'Hi')),
    send: async (headers, text) => {
      const connection = await RawConnection.open(started().url);
      connection.send(requestBytes('POST', chatPath, { ...headers, connection: 'close' }, text));
      await connection.waitForClose();
      return connection.response();
    },
  };
}

/** Asserts a 401 NotAuthenticated with exactly this message and a request id. */
export function expect401(response: RawResponse, message: string): void {
  expect(response.status).toBe(401);
  expect(JSON.parse(response.body.toString('utf8'))).toEqual({ code: 'NotAuthenticated', message });
  expect(response.headers['opc-request-id']).toMatch(/^[0-9A-F]{32}$/);
}
