import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DefaultRequestSigner, SessionAuthDetailProvider } from 'oci-common';
import { beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../src/index.js';
import { chatPath } from './support/client.js';
import { signedHeaders } from './support/signing.js';
import { expect401, strangerPrivatePem, strangerPublicPem, useAuthHarness } from './support/authHarness.js';

const harness = useAuthHarness();
const { body, send } = harness;
let emulator: Emulator;
let directory: string;
beforeAll(() => {
  ({ emulator, directory } = harness);
});

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
    expect401(await send(headers, text), 'The session token was not issued by this service');
  });

  it('refuses a token another emulator issued', async () => {
    const other = await startEmulator();
    try {
      const text = body();
      const headers = await signedHeaders(emulator, chatPath, text, { keyId: `ST$${other.credentials.sessionToken}`, privateKeyPem: other.credentials.sessionPrivateKeyPem });
      expect401(await send(headers, text), 'The session token was not issued by this service');
    } finally {
      await other.close();
    }
  });

  it('refuses a token bound to another key', async () => {
    const text = body();
    const headers = await signedHeaders(emulator, chatPath, text, { keyId: `ST$${emulator.credentials.sessionToken}`, privateKeyPem: strangerPrivatePem });
    expect401(await send(headers, text), 'The signature does not verify against the key for this keyId');
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
    expect401(await send(late, text), 'The session token has expired');
  });
});
