import { createPublicKey } from 'node:crypto';
import { InstancePrincipalsAuthenticationDetailsProviderBuilder } from 'oci-common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../src/index.js';
import { chatPath, genericChat, post } from './support/client.js';
import {
  federationBody,
  fedX509KeyId,
  fetchIdentity,
  getMetadata,
  postFederation,
  sessionKeyPair,
  strangerIdentity,
  type InstanceIdentityFiles,
} from './support/instanceIdentity.js';
import { signedHeaders } from './support/signing.js';

let emulator: Emulator;
let identity: InstanceIdentityFiles;
beforeAll(async () => {
  emulator = await startEmulator({ tokens: 3 });
  identity = await fetchIdentity(emulator);
});
afterAll(() => emulator.close());

const claimsOf = (token: string): Record<string, unknown> =>
  JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;

/** A federation request for this emulator's instance, signed as oci-common signs it. */
function signedByLeaf(body: string, files: InstanceIdentityFiles = identity) {
  return { keyId: fedX509KeyId(emulator.credentials.tenancy, files.leaf), privateKeyPem: files.leafKeyPem };
}

describe('instance metadata service', () => {
  it('answers the region and the instance ids as plain text', async () => {
    const { region, instanceId, compartmentId, tenancy } = emulator.credentials;
    for (const [path, expected] of [['instance/region', region], ['instance/id', instanceId], ['instance/compartmentId', compartmentId], ['instance/tenantId', tenancy]]) {
      const response = await getMetadata(emulator, path ?? '');
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
      expect(await response.text()).toBe(expected);
    }
  });

  it('serves a leaf certificate whose subject names the tenancy and the instance as OCI does', () => {
    const { tenancy, instanceId, compartmentId } = emulator.credentials;
    expect(identity.leaf.subject.split('\n')).toEqual([
      `CN=${instanceId}`,
      'OU=opc-certtype:instance',
      `OU=opc-compartment:${compartmentId}`,
      `OU=opc-instance:${instanceId}`,
      `OU=opc-tenant:${tenancy}`,
    ]);
    expect(identity.leaf.ca).toBe(false);
  });

  it('serves the leaf key and the intermediate CA that signed the leaf', () => {
    const leafKey = createPublicKey(identity.leafKeyPem).export({ type: 'spki', format: 'pem' });
    expect(leafKey).toBe(identity.leaf.publicKey.export({ type: 'spki', format: 'pem' }));
    expect(identity.leafKeyPem).toMatch(/^-----BEGIN RSA PRIVATE KEY-----/);
    expect(identity.intermediate.ca).toBe(true);
    expect(identity.leaf.checkIssued(identity.intermediate)).toBe(true);
    expect(identity.leaf.verify(identity.intermediate.publicKey)).toBe(true);
  });

  it('refuses a request without Authorization: Bearer Oracle with 401', async () => {
    for (const headers of [{}, { authorization: 'Bearer Oracl' }]) {
      const response = await getMetadata(emulator, 'identity/key.pem', headers);
      expect(response.status).toBe(401);
      expect(await response.text()).not.toContain('PRIVATE KEY');
    }
  });

  it('answers 404 for a path it does not serve', async () => {
    expect((await getMetadata(emulator, 'instance/nothing')).status).toBe(404);
  });

  it('counts its requests and is not affected by scheduled faults', async () => {
    const before = emulator.counters.instanceMetadataRequests;
    emulator.setFault('status=500', { times: 1 });
    expect((await getMetadata(emulator, 'instance/region')).status).toBe(200);
    expect((await post(emulator, chatPath, genericChat(emulator, 'Hi'))).status).toBe(500);
    expect(emulator.counters.instanceMetadataRequests).toBe(before + 1);
  });
});

describe('federation endpoint', () => {
  it('exchanges a request signed by the leaf key for an instance token bound to the session key', async () => {
    const session = sessionKeyPair();
    const body = federationBody(identity.leaf, [identity.intermediate], session.publicKey);
    const { status, json } = await postFederation(emulator, body, signedByLeaf(body));
    expect(status).toBe(200);
    const token = String(json['token']);
    const { tenancy, instanceId, compartmentId } = emulator.credentials;
    expect(claimsOf(token)).toMatchObject({ sub: instanceId, ptype: 'instance', tenant: tenancy, res_tenant: tenancy, res_compartment: compartmentId, 'opc-instance': instanceId });
    const chat = JSON.stringify(genericChat(emulator, 'Hi'));
    const headers = await signedHeaders(emulator, chatPath, chat, { keyId: `ST$${token}`, privateKeyPem: session.privateKeyPem });
    expect((await fetch(`${emulator.url}${chatPath}`, { method: 'POST', headers, body: chat })).status).toBe(200);
  });

  it('refuses an unsigned request with 401 NotAuthenticated', async () => {
    const body = federationBody(identity.leaf, [identity.intermediate], sessionKeyPair().publicKey);
    expect(await postFederation(emulator, body)).toEqual({ status: 401, json: { code: 'NotAuthenticated', message: 'The request has no Authorization header' } });
  });

  it('refuses a body changed after signing (another session key swapped in)', async () => {
    const signedText = federationBody(identity.leaf, [identity.intermediate], sessionKeyPair().publicKey);
    const sent = federationBody(identity.leaf, [identity.intermediate], sessionKeyPair().publicKey);
    const { status, json } = await postFederation(emulator, sent, { ...signedByLeaf(signedText), signedText });
    expect(status).toBe(401);
    expect(json).toEqual({ code: 'NotAuthenticated', message: 'x-content-sha256 does not match the body received' });
  });

  it('refuses a signature made with another key than the leaf certificate\'s', async () => {
    const body = federationBody(identity.leaf, [identity.intermediate], sessionKeyPair().publicKey);
    const { status, json } = await postFederation(emulator, body, { ...signedByLeaf(body), privateKeyPem: sessionKeyPair().privateKeyPem });
    expect(status).toBe(401);
    expect(json['message']).toBe('The signature does not verify against the key for this keyId');
  });

  it.each([
    ['a keyId fingerprint that is not the certificate\'s', (keyId: string) => keyId.replace(/..$/, '00'), 'The keyId fingerprint is not the SHA-1 fingerprint of the certificate'],
    ['another tenancy in the keyId', (keyId: string) => keyId.replace(/^[^/]+/, 'ocid1.tenancy.oc1..other'), 'The keyId tenancy is not the opc-tenant of the certificate'],
    ['the emulator\'s API keyId', () => emulator.credentials.keyId, 'The keyId is not known to this service'],
  ])('refuses %s', async (_case, keyIdFor, message) => {
    const body = federationBody(identity.leaf, [identity.intermediate], sessionKeyPair().publicKey);
    const signer = signedByLeaf(body);
    const { status, json } = await postFederation(emulator, body, { ...signer, keyId: keyIdFor(signer.keyId) });
    expect(status).toBe(401);
    expect(json).toEqual({ code: 'NotAuthenticated', message });
  });

  it('refuses a leaf without the intermediate that signed it', async () => {
    const body = federationBody(identity.leaf, [], sessionKeyPair().publicKey);
    const { json } = await postFederation(emulator, body, signedByLeaf(body));
    expect(json['message']).toBe('The certificate is not signed by any of the intermediate certificates');
  });

  it('refuses a chain that does not lead to the emulator\'s CA', async () => {
    const stranger = strangerIdentity(emulator.credentials.tenancy);
    const body = federationBody(stranger.leaf, [stranger.intermediate], sessionKeyPair().publicKey);
    const { status, json } = await postFederation(emulator, body, signedByLeaf(body, stranger));
    expect(status).toBe(401);
    expect(json['message']).toBe('The intermediate certificate is not issued by this service');
  });

  it('refuses the instance certificate of another emulator', async () => {
    const other = await startEmulator();
    try {
      const theirs = await fetchIdentity(other);
      const body = federationBody(theirs.leaf, [theirs.intermediate], sessionKeyPair().publicKey);
      const keyId = fedX509KeyId(other.credentials.tenancy, theirs.leaf);
      const { json } = await postFederation(emulator, body, { keyId, privateKeyPem: theirs.leafKeyPem });
      expect(json['message']).toBe('The certificate belongs to another tenancy');
    } finally {
      await other.close();
    }
  });

  it('answers 400 InvalidParameter to a signed request without a usable session public key', async () => {
    const body = JSON.stringify({ ...(JSON.parse(federationBody(identity.leaf, [identity.intermediate], sessionKeyPair().publicKey)) as object), publicKey: 'bm90IGEga2V5' });
    const { status, json } = await postFederation(emulator, body, signedByLeaf(body));
    expect(status).toBe(400);
    expect(json['code']).toBe('InvalidParameter');
  });
});

describe('oci-common instance principals', () => {
  it('builds a provider from the emulator\'s IMDS and federation endpoint and signs chat requests with its token', async () => {
    const before = { metadata: emulator.counters.instanceMetadataRequests, federation: emulator.counters.federationRequests };
    const builder = new InstancePrincipalsAuthenticationDetailsProviderBuilder();
    builder.metadataBaseUrl = emulator.instanceMetadataUrl;
    builder.federationEndpoint = emulator.federationEndpoint;
    const provider = await builder.build();
    const keyId = await provider.getKeyId();
    expect(keyId).toMatch(/^ST\$/);
    expect(claimsOf(keyId.slice(3))).toMatchObject({ ptype: 'instance', sub: emulator.credentials.instanceId });
    const chat = JSON.stringify(genericChat(emulator, 'Hi'));
    const headers = await signedHeaders(emulator, chatPath, chat, { keyId, privateKeyPem: provider.getPrivateKey() });
    expect((await fetch(`${emulator.url}${chatPath}`, { method: 'POST', headers, body: chat })).status).toBe(200);
    expect(emulator.counters.federationRequests).toBe(before.federation + 1);
    expect(emulator.counters.instanceMetadataRequests).toBeGreaterThan(before.metadata);
  });
});
