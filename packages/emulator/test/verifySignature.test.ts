import { generateKeyPairSync, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { verifySignature, type SignedRequest } from '../src/index.js';

const vectors = new URL('./fixtures/signing-vectors/', import.meta.url); // OCI's published vectors: see its README
const read = (name: string): string => readFileSync(new URL(name, vectors), 'utf8');

const keyId =
  'ocid1.tenancy.oc1..aaaaaaaaba3pv6wkcr4jqae5f15p2b2m2yt2j6rx32uzr4h25vqstifsfdsq/ocid1.user.oc1..aaaaaaaat5nvwcna5j6aqzjcaty5eqbb6qt2jvpkanghtgdaqedqw3rynjq/20:3b:97:13:55:1c:5b:0d:d3:37:d8:50:4e:c5:3a:34';
const date = 'Thu, 05 Jan 2014 21:31:40 GMT';
const host = 'iaas.us-phoenix-1.oraclecloud.com';
const getTarget =
  '/20160918/instances?availabilityDomain=Pjwf%3A%20PHX-AD-1&compartmentId=ocid1.compartment.oc1..aaaaaaaam3we6vgnherjq5q2idnccdflvjsnog7mlr6rtdb25gilchfeyjxa&displayName=TeamXInstances&volumeId=ocid1.volume.oc1.phx.abyhqljrgvttnlx73nmrwfaux7kcvzfs3s66izvxf2h4lgvyndsdsnoiwr5q';
const getSignature =
  'GBas7grhyrhSKHP6AVIj/h5/Vp8bd/peM79H9Wv8kjoaCivujVXlpbKLjMPeDUhxkFIWtTtLBj3sUzaFj34XE6YZAHc9r2DmE4pMwOAy/kiITcZxa1oHPOeRheC0jP2dqbTll8fmTZVwKZOKHYPtrLJIJQHJjNvxFWeHQjMaR7M=';
const postSignature =
  'Mje8vIDPlwIHmD/cTDwRxE7HaAvBg16JnVcsuqaNRim23fFPgQfLoOOxae6WqKb1uPjYEl0qIdazWaBy/Ml8DRhqlocMwoSXv0fbukP8J5N80LCmzT/FFBvIvTB91XuXI3hYfP9Zt1l7S6ieVadHUfqBedWH0itrtPJBgKmrWso=';
const postBody = read('post-body.json');
const publicKey = read('test-key.pub.pem');

const options = { publicKeyFor: (id: string) => (id === keyId ? { publicKey } : undefined), now: Date.parse(date), expectedHosts: [host] };

function getRequest(overrides: Partial<Record<string, string>> = {}): SignedRequest {
  const headers: Record<string, string | undefined> = { date, host, ...overrides };
  headers['authorization'] ??= `Signature version="1",keyId="${keyId}",algorithm="rsa-sha256",headers="date (request-target) host",signature="${getSignature}"`;
  return { method: 'GET', target: getTarget, headers };
}

function postRequest(overrides: Partial<Record<string, string>> = {}, body = postBody): SignedRequest {
  const headers: Record<string, string | undefined> = {
    date,
    host,
    'content-length': '316',
    'content-type': 'application/json',
    'x-content-sha256': 'V9Z20UJTvkvpJ50flBzKE32+6m2zJjweHpDMX/U4Uy0=',
    ...overrides,
  };
  headers['authorization'] ??= `Signature version="1",headers="date (request-target) host content-length content-type x-content-sha256",keyId="${keyId}",algorithm="rsa-sha256",signature="${postSignature}"`;
  return { method: 'POST', target: '/20160918/volumeAttachments', headers, body };
}

/** Changes one character of `text` at `index` into a different one of the same class. */
function changeOne(text: string, index: number): string {
  const character = text.charAt(index);
  const replacement = character === 'A' ? 'B' : character === '0' ? '1' : character === 'a' ? 'b' : 'A';
  return text.slice(0, index) + replacement + text.slice(index + 1);
}

describe('verifySignature with the official OCI vectors', () => {
  it('accepts the GET vector', () => {
    expect(verifySignature(getRequest(), options)).toEqual({ ok: true, keyId });
  });

  it('accepts the POST vector', () => {
    expect(postBody.length).toBe(316);
    expect(verifySignature(postRequest(), options)).toEqual({ ok: true, keyId });
  });

  it('rejects the GET vector with one byte of the signature changed', () => {
    const authorization = `Signature version="1",keyId="${keyId}",algorithm="rsa-sha256",headers="date (request-target) host",signature="${changeOne(getSignature, 10)}"`;
    expect(verifySignature(getRequest({ authorization }), options)).toEqual({ ok: false, message: 'The signature does not verify against the key for this keyId' });
  });

  it('rejects the POST vector with one byte of the signature changed', () => {
    const authorization = `Signature version="1",headers="date (request-target) host content-length content-type x-content-sha256",keyId="${keyId}",algorithm="rsa-sha256",signature="${changeOne(postSignature, 20)}"`;
    expect(verifySignature(postRequest({ authorization }), options)).toMatchObject({ ok: false, message: 'The signature does not verify against the key for this keyId' });
  });

  it('rejects the GET vector with one byte of a signed header value changed', () => {
    // Same date one second later: still fresh, but no longer what was signed.
    expect(verifySignature(getRequest({ date: 'Thu, 05 Jan 2014 21:31:41 GMT' }), options)).toMatchObject({ ok: false, message: 'The signature does not verify against the key for this keyId' });
  });

  it('rejects the GET vector with one byte of the query changed', () => {
    expect(verifySignature({ ...getRequest(), target: getTarget.replace('TeamX', 'TeamY') }, options)).toEqual({ ok: false, message: 'The signature does not verify against the key for this keyId' });
  });

  it('rejects the POST vector with one byte of the content-type changed', () => {
    expect(verifySignature(postRequest({ 'content-type': 'application/jsoN' }), options)).toMatchObject({ ok: false, message: 'The signature does not verify against the key for this keyId' });
  });

  it('rejects the POST vector with one byte of the body changed', () => {
    expect(verifySignature(postRequest({}, changeOne(postBody, 40)), options)).toEqual({ ok: false, message: 'x-content-sha256 does not match the body received' });
  });

  it('accepts parameters and header names in any order and letter case', () => {
    const authorization = `signature ALGORITHM="rsa-sha256", Signature="${getSignature}", HEADERS="Date (request-target) HOST", KeyId="${keyId}", Version="1"`;
    expect(verifySignature(getRequest({ authorization }), options)).toEqual({ ok: true, keyId });
  });
});

describe('verifySignature checks', () => {
  const { publicKey: ownPublicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
  const now = Date.parse('2026-01-01T00:00:00Z');
  const own = { publicKeyFor: (id: string) => (id === 'me' ? { publicKey: ownPublicKey } : id === 'revoked' ? { rejection: 'The key was revoked' } : undefined), now, expectedHosts: ['127.0.0.1:9000'] };

  function signed(headerNames: string[], headers: Record<string, string>, keyId = 'me'): SignedRequest {
    const target = '/20231130/actions/chat';
    const signingString = headerNames.map((name) => (name === '(request-target)' ? `${name}: post ${target}` : `${name}: ${headers[name] ?? ''}`)).join('\n');
    const signature = sign('sha256', Buffer.from(signingString), privateKey).toString('base64');
    return {
      method: 'POST',
      target,
      headers: { ...headers, authorization: `Signature version="1",keyId="${keyId}",algorithm="rsa-sha256",headers="${headerNames.join(' ')}",signature="${signature}"` },
      body: '{}',
    };
  }
  const goodHeaders = {
    'x-date': new Date(now).toUTCString(),
    host: '127.0.0.1:9000',
    'content-type': 'application/json',
    'content-length': '2',
    'x-content-sha256': 'RBNvo1WzZ4oRRq0W9+hknpT7T8If536DEMBg9hyq/4o=',
  };
  const allNames = ['x-date', '(request-target)', 'host', 'content-type', 'content-length', 'x-content-sha256'];

  it('accepts a request it can check end to end', () => {
    expect(verifySignature(signed(allNames, goodHeaders), own)).toEqual({ ok: true, keyId: 'me' });
  });

  it.each(['x-content-sha256', 'content-length', 'content-type', 'host', '(request-target)'])('names %s when a POST does not sign it', (name) => {
    expect(verifySignature(signed(allNames.filter((n) => n !== name), goodHeaders), own)).toEqual({ ok: false, message: `The signed headers do not include ${name}` });
  });

  it('wants a date or x-date signed', () => {
    expect(verifySignature(signed(allNames.filter((n) => n !== 'x-date'), goodHeaders), own)).toEqual({ ok: false, message: 'The signed headers do not include date or x-date' });
  });

  it('refuses a date more than 5 minutes off', () => {
    const headers = { ...goodHeaders, 'x-date': new Date(now - 301_000).toUTCString() };
    expect(verifySignature(signed(allNames, headers), own)).toEqual({ ok: false, message: 'The request date is more than 5 minutes away from the server clock' });
  });

  it('accepts a date 4 minutes off', () => {
    const headers = { ...goodHeaders, 'x-date': new Date(now + 240_000).toUTCString() };
    expect(verifySignature(signed(allNames, headers), own)).toMatchObject({ ok: true });
  });

  it('refuses a host other than the expected one', () => {
    expect(verifySignature(signed(allNames, { ...goodHeaders, host: 'example.com:9000' }), own)).toEqual({ ok: false, message: 'The host header does not name this server' });
  });

  it('refuses a content-length that is not the length received', () => {
    expect(verifySignature(signed(allNames, { ...goodHeaders, 'content-length': '3' }), own)).toEqual({ ok: false, message: 'content-length does not match the body received' });
  });

  it('refuses an unknown keyId without repeating it', () => {
    const verdict = verifySignature(signed(allNames, goodHeaders, 'someone-else'), own);
    expect(verdict).toEqual({ ok: false, message: 'The keyId is not known to this service' });
  });

  it('passes on the key lookup rejection', () => {
    expect(verifySignature(signed(allNames, goodHeaders, 'revoked'), own)).toEqual({ ok: false, message: 'The key was revoked' });
  });

  it('refuses another algorithm', () => {
    const request = signed(allNames, goodHeaders);
    const authorization = String(request.headers['authorization']).replace('rsa-sha256', 'hmac-sha256');
    expect(verifySignature({ ...request, headers: { ...request.headers, authorization } }, own)).toEqual({ ok: false, message: 'The signature algorithm must be rsa-sha256' });
  });

  it('refuses a missing Authorization header and a non-Signature scheme', () => {
    expect(verifySignature({ method: 'GET', target: '/', headers: {} }, own)).toEqual({ ok: false, message: 'The request has no Authorization header' });
    expect(verifySignature({ method: 'GET', target: '/', headers: { authorization: 'Basic abc' } }, own)).toEqual({ ok: false, message: 'The Authorization header does not use the Signature scheme' });
  });

  it('refuses a header list naming a header the request lacks', () => {
    const request = signed([...allNames, 'opc-obo-token'], goodHeaders);
    expect(verifySignature(request, own)).toEqual({ ok: false, message: 'The signed header opc-obo-token is missing from the request' });
  });
});
