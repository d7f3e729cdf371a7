import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DefaultRequestSigner, SessionAuthDetailProvider } from 'oci-common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../src/index.js';
import { chatPath, genericChat } from './support/client.js';
import { RawConnection, requestBytes, type RawResponse } from './support/rawHttp.js';
import { signedHeaders } from './support/signing.js';

const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 });
const strangerPrivatePem = stranger.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const strangerPublicPem = stranger.publicKey.export({ type: 'spki', format: 'pem' }).toString();
const trustedKeyId = 'ocid1.tenancy.oc1..trusted/ocid1.user.oc1..trusted/11:22:33';

let emulator: Emulator;
let directory: string;
beforeAll(async () => {
  emulator = await startEmulator({ tokens: 3, trustedKeys: [{ keyId: trustedKeyId, publicKeyPem: strangerPublicPem }] });
  directory = mkdtempSync(join(tmpdir(), 'emulator-auth-'));
});
afterAll(async () => {
  await emulator.close();
  rmSync(directory, { recursive: true, force: true });
});

const body = (): string => JSON.stringify(genericChat(emulator, 'Hi'));

/** Sends exactly these headers and body on a raw connection. */
async function send(headers: Record<string, string>, text: string): Promise<RawResponse> {
  const connection = await RawConnection.open(emulator.url);
  connection.send(requestBytes('POST', chatPath, { ...headers, connection: 'close' }, text));
  await connection.waitForClose();
  return connection.response();
}

async function expect401(response: RawResponse, message: string): Promise<void> {
  expect(response.status).toBe(401);
  expect(JSON.parse(response.body.toString('utf8'))).toEqual({ code: 'NotAuthenticated', message });
  expect(response.headers['opc-request-id']).toMatch(/^[0-9A-F]{32}$/);
  await Promise.resolve();
}
describe('session tokens', () => {
  it('issues a JWT with the documented claims', () => {
    const [head, payload, signature] = emulator.credentials.sessionToken.split('.');
    expect(JSON.parse(Buffer.from(head ?? '', 'base64url').toString())).toMatchObject({ alg: 'RS256', typ: 'JWT' });
    const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()) as Record<string, unknown>;
    expect(claims).toMatchObject({
      sub: emulator.credentials.user,
      ptype: 'user',
      tenant: emulator.credentials.tenancy,
      res_tenant: emulator.credentials.tenancy,
      res_compartment: emulator.credentials.compartmentId,
    });
    expect(Number(claims['exp']) - Number(claims['iat'])).toBe(3600);
    expect(signature?.length).toBeGreaterThan(300);
  });

  it('accepts ST$<token> signed with the session key, through oci-common SessionAuthDetailProvider', async () => {
    const keyFile = join(directory, 'session-key.pem');
    const tokenFile = join(directory, 'token');
    writeFileSync(keyFile, emulator.credentials.sessionPrivateKeyPem);
    writeFileSync(tokenFile, emulator.credentials.sessionToken);
    const configFile = join(directory, 'session-config');
    writeFileSync(configFile, `${emulator.configFileText(keyFile)}security_token_file=${tokenFile}\n`);
    const signer = new DefaultRequestSigner(new SessionAuthDetailProvider(configFile));
    const text = body();
    const headers = new Headers();
    await signer.signHttpRequest({ method: 'POST', uri: `${emulator.url}${chatPath}`, headers, body: text });
    expect(headers.get('authorization')).toContain('keyId="ST$');
    expect((await fetch(`${emulator.url}${chatPath}`, { method: 'POST', headers, body: text })).status).toBe(200);
  });

  it('refuses a tampered token', async () => {
    const [head, payload = '', signature] = emulator.credentials.sessionToken.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const forged = `${head}.${Buffer.from(JSON.stringify({ ...claims, res_compartment: 'ocid1.compartment.oc1..other' })).toString('base64url')}.${signature}`;
    const text = body();
    const headers = await signedHeaders(emulator, chatPath, text, { keyId: `ST$${forged}`, privateKeyPem: emulator.credentials.sessionPrivateKeyPem });
    await expect401(await send(headers, text), 'The session token was not issued by this service');
  });

  it('refuses a token another emulator issued', async () => {
    const other = await startEmulator();
    try {
      const text = body();
      const headers = await signedHeaders(emulator, chatPath, text, { keyId: `ST$${other.credentials.sessionToken}`, privateKeyPem: other.credentials.sessionPrivateKeyPem });
      await expect401(await send(headers, text), 'The session token was not issued by this service');
    } finally {
      await other.close();
    }
  });

  it('refuses a token bound to another key', async () => {
    const text = body();
    const headers = await signedHeaders(emulator, chatPath, text, { keyId: `ST$${emulator.credentials.sessionToken}`, privateKeyPem: strangerPrivatePem });
    await expect401(await send(headers, text), 'The signature does not verify against the key for this keyId');
  });

  it('issues more tokens, e.g. for resource principals, and refuses expired ones', async () => {
    const token = emulator.credentials.issueSessionToken(strangerPublicPem, { ptype: 'resource' });
    const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as Record<string, unknown>;
    expect(claims['ptype']).toBe('resource');
    const text = body();
    const good = await signedHeaders(emulator, chatPath, text, { keyId: `ST$${token}`, privateKeyPem: strangerPrivatePem });
    expect((await send(good, text)).status).toBe(200);
    const expired = emulator.credentials.issueSessionToken(strangerPublicPem, { exp: Math.floor(Date.now() / 1000) - 10 });
    const late = await signedHeaders(emulator, chatPath, text, { keyId: `ST$${expired}`, privateKeyPem: strangerPrivatePem });
    await expect401(await send(late, text), 'The session token has expired');
  });
});
