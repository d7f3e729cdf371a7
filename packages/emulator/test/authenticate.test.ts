import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigFileAuthenticationDetailsProvider, DefaultRequestSigner } from 'oci-common';
import { beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../src/index.js';
import { chatPath, genericChat, post } from './support/client.js';
import { RawConnection, requestBytes } from './support/rawHttp.js';
import { signedHeaders } from './support/signing.js';
import { expect401, strangerPrivatePem, trustedKeyId, useAuthHarness } from './support/authHarness.js';

const harness = useAuthHarness();
const { body, send } = harness;
let emulator: Emulator;
let directory: string;
beforeAll(() => {
  ({ emulator, directory } = harness);
});

describe('request signatures', () => {
  it('accepts a request signed by oci-common with the emulator key', async () => {
    expect((await post(emulator, chatPath, genericChat(emulator, 'Hi'))).status).toBe(200);
  });

  it('refuses a request without Authorization and counts it', async () => {
    const before = emulator.counters.unauthenticated;
    const text = body();
    expect401(await send({ host: new URL(emulator.url).host, 'content-type': 'application/json', 'content-length': String(text.length) }, text), 'The request has no Authorization header');
    expect(emulator.counters.unauthenticated).toBe(before + 1);
  });

  it('refuses a header list without x-content-sha256', async () => {
    const text = body();
    const headers = await signedHeaders(emulator, chatPath, text);
    headers['authorization'] = (headers['authorization'] ?? '').replace(' x-content-sha256', '');
    expect401(await send(headers, text), 'The signed headers do not include x-content-sha256');
  });

  it('refuses a body changed after signing', async () => {
    const text = body();
    const headers = await signedHeaders(emulator, chatPath, text);
    expect401(await send(headers, text.replace('Hi', 'Ho')), 'x-content-sha256 does not match the body received');
  });

  it('refuses a signed content-length the body does not have', async () => {
    const text = body();
    const headers = await signedHeaders(emulator, chatPath, text);
    // Sent chunked, the request has no content-length of its own: the signed one is missing.
    delete headers['content-length'];
    const connection = await RawConnection.open(emulator.url);
    const chunked = `${Buffer.byteLength(text).toString(16)}\r\n${text}\r\n0\r\n\r\n`;
    connection.send(requestBytes('POST', chatPath, { ...headers, 'transfer-encoding': 'chunked', connection: 'close' }, chunked));
    await connection.waitForClose();
    expect401(connection.response(), 'The signed header content-length is missing from the request');
  });

  it('refuses a request signed for another host, and accepts localhost', async () => {
    const text = body();
    const port = new URL(emulator.url).port;
    const wrong = await signedHeaders(emulator, chatPath, text, { url: `http://inference.example.com:${port}` });
    expect401(await send(wrong, text), 'The host header does not name this server');
    const local = await signedHeaders(emulator, chatPath, text, { url: `http://localhost:${port}` });
    expect((await send(local, text)).status).toBe(200);
  });

  it('refuses a date older than 5 minutes', async () => {
    const text = body();
    const headers = await signedHeaders(emulator, chatPath, text, { headers: { 'x-date': new Date(Date.now() - 6 * 60_000).toUTCString() } });
    expect401(await send(headers, text), 'The request date is more than 5 minutes away from the server clock');
  });

  it('refuses an unknown keyId without echoing it or the signature', async () => {
    const text = body();
    const keyId = 'ocid1.tenancy.oc1..nobody/ocid1.user.oc1..nobody/aa:bb';
    const headers = await signedHeaders(emulator, chatPath, text, { keyId, privateKeyPem: strangerPrivatePem });
    const response = await send(headers, text);
    expect401(response, 'The keyId is not known to this service');
    const signature = /signature="([^"]+)"/.exec(headers['authorization'] ?? '')?.[1] ?? 'missing';
    expect(response.body.toString()).not.toContain('nobody');
    expect(response.body.toString()).not.toContain(signature.slice(0, 20));
  });

  it('refuses a signature made with another key', async () => {
    const text = body();
    const headers = await signedHeaders(emulator, chatPath, text, { keyId: emulator.credentials.keyId, privateKeyPem: strangerPrivatePem });
    expect401(await send(headers, text), 'The signature does not verify against the key for this keyId');
  });

  it('accepts a trusted extra key', async () => {
    const text = body();
    const headers = await signedHeaders(emulator, chatPath, text, { keyId: trustedKeyId, privateKeyPem: strangerPrivatePem });
    expect((await send(headers, text)).status).toBe(200);
  });

  it('accepts a ~/.oci/config profile made by configFileText', async () => {
    const keyFile = join(directory, 'key.pem');
    writeFileSync(keyFile, emulator.credentials.privateKeyPem);
    const configFile = join(directory, 'config');
    writeFileSync(configFile, emulator.configFileText(keyFile));
    const signer = new DefaultRequestSigner(new ConfigFileAuthenticationDetailsProvider(configFile));
    const text = body();
    const headers = new Headers();
    await signer.signHttpRequest({ method: 'POST', uri: `${emulator.url}${chatPath}`, headers, body: text });
    expect((await fetch(`${emulator.url}${chatPath}`, { method: 'POST', headers, body: text })).status).toBe(200);
  });
});
describe('the clock', () => {
  it('checks dates against the now option', async () => {
    const past = Date.parse('2020-01-01T00:00:00Z');
    const frozen = await startEmulator({ now: () => past });
    try {
      const text = JSON.stringify(genericChat(frozen, 'Hi'));
      const fresh = await signedHeaders(frozen, chatPath, text);
      expect((await fetch(`${frozen.url}${chatPath}`, { method: 'POST', headers: fresh, body: text })).status).toBe(401);
      const then = await signedHeaders(frozen, chatPath, text, { headers: { 'x-date': new Date(past).toUTCString() } });
      expect((await fetch(`${frozen.url}${chatPath}`, { method: 'POST', headers: then, body: text })).status).toBe(200);
    } finally {
      await frozen.close();
    }
  });
});
