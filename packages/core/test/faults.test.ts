import { take } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatRequest } from '../src/index.js';
import {
  AuthenticationError,
  BadRequestError,
  ConflictError,
  ConnectionError,
  IncompleteStreamError,
  NotFoundError,
  RateLimitError,
  RedirectError,
  ServerError,
  StreamParseError,
} from '../src/index.js';
import type { Harness } from './support/emulatorClient.js';
import { eventually, settle, startHarness, textOf } from './support/emulatorClient.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ tokens: 25 });
});
afterAll(() => h.close());

const english: ChatRequest = { model: 'meta.llama-3.3-70b-instruct', prompt: 'Tell me about the weather.' };
const japanese: ChatRequest = { model: 'meta.llama-3.3-70b-instruct', prompt: '天気について教えてください。' };
const cohere: ChatRequest = { model: 'cohere.command-r-plus-08-2024', prompt: 'Tell me about the weather.' };
const withFault = (request: ChatRequest, fault: string): ChatRequest => ({ ...request, headers: { 'x-emulator-fault': fault } });

describe('faults that change only the framing give exactly the same events', () => {
  const framings = [
    'keepalive=1', 'line-ending=crlf', 'line-ending=cr', 'events-per-write=7', 'chunk-bytes=1', 'chunk-bytes=5',
    'chunk-bytes=2;split-utf8', 'split-utf8', 'no-final-newline', 'done=off', 'done=on', 'linger',
  ];
  for (const request of [english, japanese, cohere]) {
    for (const fault of framings) {
      it(`${fault} (${request.model}, ${request.prompt!.slice(0, 8)}…)`, async () => {
        const clean = await settle(h.client.chat(request));
        const faulty = await settle(h.client.chat(withFault(request, fault)));
        expect(clean.error).toBeUndefined();
        expect(faulty.error).toBeUndefined();
        expect(textOf(faulty.events)).toBe(textOf(clean.events));
        expect(faulty.events.slice(1)).toEqual(clean.events.slice(1));
      });
    }
  }
});

describe('faults that fail the request give the right typed error', () => {
  it.each([
    ['status=429;retry-after=2', RateLimitError, { status: 429, ociCode: 'TooManyRequests', retryable: true, retryAfterMs: 2000 }],
    ['status=429', RateLimitError, { status: 429, retryable: true, retryAfterMs: undefined }],
    ['status=500', ServerError, { status: 500, ociCode: 'InternalServerError', retryable: true }],
    ['status=503', ServerError, { status: 503, ociCode: 'ServiceUnavailable', retryable: true }],
    ['status=400', BadRequestError, { status: 400, retryable: false }],
    ['status=401', AuthenticationError, { status: 401, ociCode: 'NotAuthenticated', retryable: false }],
    ['status=404', NotFoundError, { status: 404, retryable: false }],
    ['status=409', ConflictError, { status: 409, ociCode: 'IncorrectState', retryable: true }],
    ['status=503;non-json-error', ServerError, { status: 503, ociCode: undefined, retryable: true }],
  ])('%s', async (fault, type, fields) => {
    const { events, error } = await settle(h.client.chat(withFault(english, fault)));
    expect(events).toEqual([]);
    expect(error).toBeInstanceOf(type);
    expect(error).toMatchObject(fields);
    expect((error as RateLimitError).opcRequestId).toMatch(/\S/);
  });

  it('keeps the first bytes of a non-JSON error body as the message', async () => {
    const { error } = await settle(h.client.chat(withFault(english, 'status=503;non-json-error')));
    expect((error as ServerError).serverMessage.length).toBeGreaterThan(0);
    expect((error as ServerError).serverMessage.length).toBeLessThanOrEqual(200);
  });

  it('disconnect-after=5: five tokens, then a non-retryable connection error that counts them', async () => {
    const { events, error } = await settle(h.client.chat(withFault(english, 'disconnect-after=5')));
    const clean = await settle(h.client.chat(english));
    expect(events.filter((e) => e.type === 'text')).toHaveLength(5);
    expect(textOf(clean.events).startsWith(textOf(events))).toBe(true);
    expect(error instanceof ConnectionError || error instanceof IncompleteStreamError).toBe(true);
    expect(error).toMatchObject({ tokensReceived: 5, retryable: false });
  });

  it('disconnect-after=0: a retryable error, since no token arrived', async () => {
    const { error } = await settle(h.client.chat(withFault(english, 'disconnect-after=0')));
    expect(error).toMatchObject({ tokensReceived: 0, retryable: true });
  });

  it('garbage-after=3: a StreamParseError naming the frame, after three tokens', async () => {
    const { events, error } = await settle(h.client.chat(withFault(english, 'garbage-after=3')));
    expect(events.filter((e) => e.type === 'text')).toHaveLength(3);
    expect(error).toBeInstanceOf(StreamParseError);
    expect((error as StreamParseError).message).toMatch(/not JSON: .+/);
    expect((error as StreamParseError).tokensReceived).toBe(3);
  });

  it('a 200 answer that is not an event stream: a StreamParseError with reason content-type', async () => {
    const { events, error } = await settle(h.client.chat({ ...english, raw: { isStream: false } }));
    expect(events).toEqual([]);
    expect(error).toBeInstanceOf(StreamParseError);
    expect((error as StreamParseError).reason).toBe('content-type');
    expect((error as StreamParseError).message).toMatch(/application\/json instead of text\/event-stream/);
  });

  it('redirect: a RedirectError, and the signed request is not replayed elsewhere', async () => {
    const before = h.emulator.counters.requests;
    const { error } = await settle(h.client.chat(withFault(english, 'redirect')));
    expect(error).toBeInstanceOf(RedirectError);
    expect((error as RedirectError).status).toBeGreaterThanOrEqual(300);
    expect(h.emulator.counters.requests - before).toBe(1);
  });
});

describe('connections are released', () => {
  it('unsubscribing mid-stream closes the socket, without an error', async () => {
    const local = await startHarness({ tokens: 200, tokenIntervalMs: 20 });
    try {
      const seen: string[] = [];
      let errored = false;
      await new Promise<void>((resolve) => {
        const subscription = local.client.chat(english).pipe(take(4)).subscribe({
          next: (e) => seen.push(e.type),
          error: () => (errored = true),
          complete: resolve,
        });
        void subscription;
      });
      expect(seen).toEqual(['start', 'text', 'text', 'text']);
      await eventually(() => local.emulator.counters.openConnections === 0);
      expect(errored).toBe(false);
    } finally {
      await local.close();
    }
  });

  it('completes after the finish event even when the server keeps the connection open', async () => {
    const local = await startHarness({ tokens: 10 });
    try {
      const started = Date.now();
      const { events, error } = await settle(local.client.chat(withFault(cohere, 'linger')));
      expect(error).toBeUndefined();
      expect(events.at(-1)).toMatchObject({ type: 'finish' });
      expect(Date.now() - started).toBeLessThan(3000);
      await eventually(() => local.emulator.counters.openConnections === 0);
    } finally {
      await local.close();
    }
  });

  it('a stalled stream keeps the connection until the subscriber leaves, then frees it', async () => {
    const local = await startHarness({ tokens: 50 });
    try {
      const texts: string[] = [];
      const subscription = local.client.chat(withFault(english, 'stall-after=3')).subscribe((e) => {
        if (e.type === 'text') texts.push(e.text);
      });
      await eventually(() => texts.length === 3);
      expect(local.emulator.counters.openConnections).toBe(1);
      subscription.unsubscribe();
      await eventually(() => local.emulator.counters.openConnections === 0);
    } finally {
      await local.close();
    }
  });
});
