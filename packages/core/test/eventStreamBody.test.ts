import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OciGenAiClient } from '../src/index.js';
import { createClient, StreamParseError } from '../src/index.js';
import { isEventStream } from '../src/internal/eventStreamBody.js';
import { settle, textOf } from './support/emulatorClient.js';
import { generateTestKey } from './support/keys.js';

const wire = [
  'data: {"index":0,"message":{"role":"ASSISTANT","content":[{"type":"TEXT","text":"Grüße, "}]}}',
  'data: {"index":0,"message":{"role":"ASSISTANT","content":[{"type":"TEXT","text":"世界"}]}}',
  'data: {"finishReason":"stop"}',
  '',
  '',
].join('\n\n');

/** What the test server answers next: headers and body bytes, written in small pieces. */
let answer: { headers: Record<string, string>; body: Buffer } = { headers: {}, body: Buffer.alloc(0) };
let lastRequest: IncomingHttpHeaders = {};
let server: Server;
let client: OciGenAiClient;

beforeAll(async () => {
  server = createServer((req, res) => {
    lastRequest = req.headers;
    req.resume();
    req.on('end', () => {
      res.writeHead(200, answer.headers);
      // Seven-byte writes: compressed data arrives split mid-block, as through a proxy.
      const { body } = answer;
      let offset = 0;
      const next = (): void => {
        if (offset >= body.length) {
          res.end();
          return;
        }
        res.write(body.subarray(offset, offset + 7), next);
        offset += 7;
      };
      next();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const key = generateTestKey();
  client = createClient({
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    compartmentId: 'ocid1.compartment.oc1..test',
    auth: { type: 'api-key', tenancy: 'ocid1.tenancy.oc1..t', user: 'ocid1.user.oc1..u', fingerprint: key.fingerprint, privateKey: key.privateKeyPem },
    finishGraceMs: 50,
  });
});

afterAll(async () => {
  await client.close();
  await new Promise((resolve) => server.close(resolve));
});

const ask = () => settle(client.chat({ model: 'meta.llama-3.3-70b-instruct', prompt: 'Hi' }));

describe('Content-Type', () => {
  it.each(['text/event-stream', 'Text/Event-Stream;charset=UTF-8', 'TEXT/EVENT-STREAM ; charset="utf-8"'])('reads %s as an event stream', async (type) => {
    answer = { headers: { 'content-type': type }, body: Buffer.from(wire) };
    const { events, error } = await ask();
    expect(error).toBeUndefined();
    expect(textOf(events)).toBe('Grüße, 世界');
  });

  it('refuses another media type with a StreamParseError whose reason is content-type', async () => {
    answer = { headers: { 'content-type': 'application/json' }, body: Buffer.from('{"ok":true}') };
    const { error } = await ask();
    expect(error).toBeInstanceOf(StreamParseError);
    expect((error as StreamParseError).reason).toBe('content-type');
    expect((error as Error).message).toContain('application/json');
  });

  it('does not take a type that only starts like text/event-stream', () => {
    expect(isEventStream('text/event-streaming')).toBe(false);
    expect(isEventStream(undefined)).toBe(false);
  });
});

describe('Content-Encoding', () => {
  it('asks for identity', async () => {
    answer = { headers: { 'content-type': 'text/event-stream' }, body: Buffer.from(wire) };
    await ask();
    expect(lastRequest['accept-encoding']).toBe('identity');
  });

  const codings: Record<string, (bytes: Buffer) => Buffer> = {
    gzip: gzipSync,
    'x-gzip': gzipSync,
    deflate: deflateSync,
    br: brotliCompressSync,
    'GZIP': gzipSync,
    'gzip, br': (bytes) => brotliCompressSync(gzipSync(bytes)),
  };
  for (const [coding, compress] of Object.entries(codings)) {
    it(`decodes a ${coding} stream written in small pieces`, async () => {
      answer = { headers: { 'content-type': 'text/event-stream', 'content-encoding': coding }, body: compress(Buffer.from(wire)) };
      const { events, error } = await ask();
      expect(error).toBeUndefined();
      expect(textOf(events)).toBe('Grüße, 世界');
    });
  }

  it('refuses zstd with a StreamParseError whose reason is content-encoding, naming zstd', async () => {
    // The bytes do not matter: the coding is refused before any is read.
    answer = { headers: { 'content-type': 'text/event-stream', 'content-encoding': 'zstd' }, body: Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0, 0, 0]) };
    const { events, error } = await ask();
    expect(events).toEqual([]);
    expect(error).toBeInstanceOf(StreamParseError);
    expect((error as StreamParseError).reason).toBe('content-encoding');
    expect((error as Error).message).toMatch(/zstd/);
  });

  it('refuses an unknown coding, naming it', async () => {
    answer = { headers: { 'content-type': 'text/event-stream', 'content-encoding': 'compress' }, body: Buffer.from(wire) };
    const { error } = await ask();
    expect((error as StreamParseError).reason).toBe('content-encoding');
    expect((error as Error).message).toContain('compress');
  });

  it('reports a corrupt gzip body as content-encoding, not as invalid UTF-8', async () => {
    const gzipped = gzipSync(Buffer.from(wire));
    answer = { headers: { 'content-type': 'text/event-stream', 'content-encoding': 'gzip' }, body: Buffer.concat([gzipped.subarray(0, 20), Buffer.from('not gzip at all')]) };
    const { error } = await ask();
    expect(error).toBeInstanceOf(StreamParseError);
    expect((error as StreamParseError).reason).toBe('content-encoding');
  });

  it('reports an unasked gzip body without the header as bytes that are not UTF-8 (the header is what tells)', async () => {
    answer = { headers: { 'content-type': 'text/event-stream' }, body: gzipSync(Buffer.from(wire)) };
    const { error } = await ask();
    expect(error).toBeInstanceOf(StreamParseError);
  });
});
