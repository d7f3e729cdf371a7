/**
 * Every emulator fault against every wire format, through core and the default operators
 * (streamTimeout, retryStream): each run ends in the right tokens or the right typed error,
 * nothing is dropped or duplicated, and the emulator is left with no stream and no connection.
 */
import type { ChatEvent, OciGenAiClient } from '@oci-genai-rx/core';
import {
  AuthenticationError,
  BadRequestError,
  ConnectionError,
  IncompleteStreamError,
  NotFoundError,
  OciGenAiError,
  RateLimitError,
  RedirectError,
  ServerError,
  StreamParseError,
} from '@oci-genai-rx/core';
import type { Emulator } from '@oci-genai-rx/emulator';
import { startEmulator } from '@oci-genai-rx/emulator';
import type { RetryInfo, StreamResetEvent } from '@oci-genai-rx/operators';
import { retryStream, streamTimeout, StreamTimeoutError } from '@oci-genai-rx/operators';
import type { Observable } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wireFormats } from './support/formats.js';
import type { WireFormat } from './support/formats.js';
import { clientFor, eventually, expectNoLeftovers, settle, tokensOf } from './support/harness.js';
import { failOnUnhandledRejections } from './support/unhandledRejections.js';

failOnUnhandledRejections();

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ tokens: 12 });
});
afterAll(() => emulator.close());

const prompts = { English: 'Tell me about rivers.', Japanese: '川について教えてください。' } as const;

/** The fault-free answer of each format and language: the reference every faulty run is held to. */
const cleanRuns = new Map<string, ChatEvent[]>();
async function clean(format: WireFormat, prompt: string): Promise<ChatEvent[]> {
  const key = `${format.name}|${prompt}`;
  const cached = cleanRuns.get(key);
  if (cached !== undefined) return cached;
  const client = clientFor(emulator, format.clientOptions?.(emulator));
  const run = await settle(format.ask(client, prompt));
  await client.close();
  expect(run.error).toBeUndefined();
  cleanRuns.set(key, run.values);
  return run.values;
}

interface Pipeline {
  /** Deadlines: short where a stall is involved, relaxed otherwise (a loaded CI machine). */
  readonly firstTokenMs?: number;
  readonly idleMs?: number;
  readonly restartAfterTokens?: boolean;
}

/** One run through the default operators, with what it cost the emulator. */
async function runWithOperators(format: WireFormat, prompt: string, fault: { header?: string; once?: string }, pipeline: Pipeline = {}) {
  const client: OciGenAiClient = clientFor(emulator, format.clientOptions?.(emulator));
  const retries: RetryInfo[] = [];
  if (fault.once !== undefined) emulator.setFault(fault.once, { times: 1 });
  const requestsBefore = emulator.counters.requests;
  const headers = fault.header === undefined ? {} : { 'x-emulator-fault': fault.header };
  const timed = format.ask(client, prompt, headers).pipe(streamTimeout({ firstTokenMs: pipeline.firstTokenMs ?? 10_000, idleMs: pipeline.idleMs ?? 10_000 }));
  const retryOptions = { count: 2, baseDelayMs: 10, maxDelayMs: 20, maxRetryAfterMs: 1000, onRetry: (info: RetryInfo) => retries.push(info) };
  const stream: Observable<ChatEvent | StreamResetEvent> =
    pipeline.restartAfterTokens === true ? timed.pipe(retryStream({ ...retryOptions, restartAfterTokens: true })) : timed.pipe(retryStream(retryOptions));
  const run = await settle(stream);
  emulator.setFault(undefined);
  const requests = emulator.counters.requests - requestsBefore;
  await expectNoLeftovers(emulator, client);
  return { ...run, requests, retries };
}

const framingFaults = [
  'keepalive=3;token-interval-ms=8',
  'line-ending=crlf',
  'line-ending=cr',
  'events-per-write=3',
  'chunk-bytes=1',
  'chunk-bytes=7;split-utf8',
  'split-utf8',
  'no-final-newline',
  'done=on',
  'done=off',
  'linger',
  'ttft-ms=30',
  'token-interval-ms=3',
  'line-ending=cr;chunk-bytes=3;split-utf8;no-final-newline;keepalive=2;token-interval-ms=4',
];

describe.each(wireFormats)('$name', (format) => {
  describe.each(Object.entries(prompts))('framing faults give exactly the fault-free events (%s)', (_language, prompt) => {
    it.each(framingFaults)('%s', async (fault) => {
      const reference = await clean(format, prompt);
      const run = await runWithOperators(format, prompt, { header: fault });
      expect(run.error).toBeUndefined();
      expect(run.requests).toBe(1);
      expect(tokensOf(run.values)).toEqual(tokensOf(reference));
      expect(run.values.slice(1)).toEqual(reference.slice(1));
    });
  });

  describe('failing requests end in the right typed error, retried only when safe', () => {
    it.each([
      ['status=429', RateLimitError, 429, true],
      ['status=503;non-json-error', ServerError, 503, true],
      ['status=400', BadRequestError, 400, false],
      ['status=401', AuthenticationError, 401, false],
      ['status=404', NotFoundError, 404, false],
      ['redirect', RedirectError, 307, false],
    ] as const)('%s every time', async (fault, type, status, retryable) => {
      const run = await runWithOperators(format, prompts.English, { header: fault });
      expect(run.error).toBeInstanceOf(type);
      expect(run.error).toMatchObject({ status, retryable });
      expect(run.requests).toBe(retryable ? 3 : 1);
      expect(tokensOf(run.values)).toEqual([]);
    });

    it.each(['status=429;retry-after=1', 'status=500', 'status=409', 'disconnect-after=0'])('%s once, then the whole answer', async (fault) => {
      const reference = await clean(format, prompts.English);
      const run = await runWithOperators(format, prompts.English, { once: fault });
      expect(run.error).toBeUndefined();
      expect(run.requests).toBe(2);
      expect(tokensOf(run.values)).toEqual(tokensOf(reference));
      if (fault.includes('retry-after')) expect(run.retries.map((retry) => retry.delayMs)).toEqual([1000]);
    });

    it('a stall before the first token is a first-token timeout, retried into the whole answer', async () => {
      const reference = await clean(format, prompts.English);
      const run = await runWithOperators(format, prompts.English, { once: 'stall-after=0' }, { firstTokenMs: 800 });
      expect(run.error).toBeUndefined();
      expect(run.requests).toBe(2);
      expect(run.retries[0]?.error).toMatchObject({ phase: 'first-token' });
      expect(tokensOf(run.values)).toEqual(tokensOf(reference));
    });
  });

  describe('failures after tokens keep the tokens and are not retried (no duplicated text)', () => {
    it('disconnect-after=4: a connection or incomplete-stream error after exactly 4 tokens', async () => {
      const reference = await clean(format, prompts.English);
      const run = await runWithOperators(format, prompts.English, { header: 'disconnect-after=4' });
      expect([ConnectionError, IncompleteStreamError].some((type) => run.error instanceof type)).toBe(true);
      expect(run.error).toMatchObject({ tokensReceived: 4, retryable: false });
      expect(run.requests).toBe(1);
      expect(tokensOf(run.values)).toEqual(tokensOf(reference).slice(0, 4));
    });

    it('stall-after=4: an idle timeout after 4 tokens, and the stalled request is aborted', async () => {
      const reference = await clean(format, prompts.English);
      const run = await runWithOperators(format, prompts.English, { header: 'stall-after=4' }, { idleMs: 300 });
      expect(run.error).toBeInstanceOf(StreamTimeoutError);
      expect(run.error).toMatchObject({ phase: 'idle', tokensReceived: 4 });
      expect(run.requests).toBe(1);
      expect(tokensOf(run.values)).toEqual(tokensOf(reference).slice(0, 4));
    });

    it('garbage-after=3: a parse error naming the frame, after exactly 3 tokens', async () => {
      const reference = await clean(format, prompts.English);
      const run = await runWithOperators(format, prompts.English, { header: 'garbage-after=3' });
      expect(run.error).toBeInstanceOf(StreamParseError);
      expect(run.error).toMatchObject({ tokensReceived: 3, frame: expect.stringContaining('<html>') as unknown });
      expect(run.requests).toBe(1);
      expect(tokensOf(run.values)).toEqual(tokensOf(reference).slice(0, 3));
    });

    it('disconnect-after=4 with restartAfterTokens: a reset event, then the whole answer', async () => {
      const reference = await clean(format, prompts.English);
      const run = await runWithOperators(format, prompts.English, { once: 'disconnect-after=4' }, { restartAfterTokens: true });
      expect(run.error).toBeUndefined();
      const resetAt = run.values.findIndex((value) => value.type === 'reset');
      expect(run.values[resetAt]).toMatchObject({ type: 'reset', attempt: 1, discardedTokens: 4 });
      expect(tokensOf(run.values.slice(0, resetAt))).toEqual(tokensOf(reference).slice(0, 4));
      expect(tokensOf(run.values.slice(resetAt + 1))).toEqual(tokensOf(reference));
    });
  });

  it('keep-alive comments during a stall do not reset the idle timeout', async () => {
    const run = await runWithOperators(format, prompts.English, { header: 'stall-after=3;keepalive=40' }, { idleMs: 300 });
    expect(run.error).toBeInstanceOf(StreamTimeoutError);
    expect(run.error).toMatchObject({ phase: 'idle', tokensReceived: 3 });
  });

  it('unsubscribing mid-stream aborts the request: the emulator sees the disconnect and keeps no stream', async () => {
    const client = clientFor(emulator, format.clientOptions?.(emulator));
    const disconnectsBefore = emulator.counters.clientDisconnects;
    const tokens: string[] = [];
    await new Promise<void>((resolve, reject) => {
      const subscription = format.ask(client, prompts.English, { 'x-emulator-fault': 'token-interval-ms=20' }).subscribe({
        next: (event) => {
          if (event.type !== 'text') return;
          tokens.push(event.text);
          if (tokens.length === 3) {
            subscription.unsubscribe();
            resolve();
          }
        },
        error: reject,
        complete: () => reject(new Error('completed before the unsubscribe')),
      });
    });
    await eventually(() => emulator.counters.clientDisconnects > disconnectsBefore, 'the emulator sees the client leave');
    await expectNoLeftovers(emulator, client);
    expect(tokens).toEqual(tokensOf(await clean(format, prompts.English)).slice(0, 3));
  });

  it('tokens=5: exactly five text events, then the finish', async () => {
    const run = await runWithOperators(format, prompts.English, { header: 'tokens=5' });
    expect(run.error).toBeUndefined();
    expect(tokensOf(run.values)).toHaveLength(5);
    expect(run.values.some((value) => value.type === 'finish')).toBe(true);
  });

  it('every error of the matrix is an OciGenAiError with a stable code', async () => {
    for (const fault of ['status=429', 'redirect', 'disconnect-after=2', 'garbage-after=1']) {
      const run = await runWithOperators(format, prompts.English, { header: fault });
      expect(run.error).toBeInstanceOf(OciGenAiError);
      expect((run.error as OciGenAiError).code).toMatch(/^[A-Z_]+$/);
    }
  });
});
