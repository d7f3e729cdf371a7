import { fc, test } from '@fast-check/vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClientOptions } from '../src/index.js';
import { ConfigurationError, InvalidRequestError, OciGenAiError, createClient, isRetryable } from '../src/index.js';
import type { Harness } from './support/emulatorClient.js';
import { settle, startHarness } from './support/emulatorClient.js';

/**
 * Every public option and request field is checked when createClient or chat() is called: a
 * value that can never work is a ConfigurationError or InvalidRequestError naming the option,
 * the value and what is allowed, never a retryable failure at request time.
 */
const base = { compartmentId: 'ocid1.compartment.oc1..x', endpoint: 'http://127.0.0.1:9', auth: { type: 'api-key', tenancy: 't', user: 'u', fingerprint: 'f', privateKey: 'not a key' } } as const;
const model = 'meta.llama-3.3-70b-instruct';

describe('createClient options', () => {
  it.each<[string, Record<string, unknown>, RegExp]>([
    ['maxConnections', { maxConnections: Number.NaN }, /maxConnections: NaN is not a whole number of at least 1/],
    ['maxConnections', { maxConnections: -1 }, /maxConnections: -1 is not a whole number of at least 1/],
    ['maxConnections', { maxConnections: 2.5 }, /maxConnections: 2\.5 is not/],
    ['transportTimeoutMs', { transportTimeoutMs: Number.NaN }, /transportTimeoutMs: NaN is not a whole number of at least 1 and at most 2147483647/],
    ['transportTimeoutMs', { transportTimeoutMs: -5 }, /transportTimeoutMs: -5 is not/],
    ['transportTimeoutMs', { transportTimeoutMs: Infinity }, /transportTimeoutMs: Infinity is not/],
    ['finishGraceMs', { finishGraceMs: Number.NaN }, /finishGraceMs: NaN is not a whole number of at least 0/],
    ['finishGraceMs', { finishGraceMs: '500' }, /finishGraceMs: "500" is not/],
    ['maxEventChars', { maxEventChars: Number.NaN }, /maxEventChars: NaN is not a whole number of at least 1/],
    ['maxEventChars', { maxEventChars: 0 }, /maxEventChars: 0 is not/],
    ['endpoint', { endpoint: 'ftp://127.0.0.1:9' }, /endpoint: "ftp:\/\/127\.0\.0\.1:9" is not an http\(s\) URL/],
    ['endpoint', { endpoint: 'not a url' }, /endpoint: "not a url" is not an http\(s\) URL/],
    ['endpoint', { endpoint: 'https://user:pw@example.com' }, /endpoint: .* without credentials/],
    ['endpoint', { endpoint: 42 }, /endpoint: 42 is not a string/],
    ['compartmentId', { compartmentId: 7 }, /compartmentId: 7 is not a string/],
    ['region', { endpoint: undefined, region: 'us-chicago-1 ' + '\u{1F600}' }, /region: .* from the region option is not a region identifier/],
    ['dispatcher', { dispatcher: {} }, /dispatcher: an object is not an undici Dispatcher/],
    ['rateLimiter', { rateLimiter: 10 }, /rateLimiter: 10 is not a rate limiter/],
    ['auth', { auth: { type: 'magic' } }, /auth: "magic" is not an auth type/],
    ['auth', { auth: 'config-file' }, /auth: "config-file" is not an auth option/],
    ['auth.privateKey', { auth: { type: 'api-key', tenancy: 't', user: 'u', fingerprint: 'f', privateKey: 5 } }, /auth\.privateKey: .* got 5/],
  ])('refuses a bad %s at createClient: %j', (setting, options, message) => {
    let thrown: unknown;
    try {
      createClient({ ...base, ...options });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigurationError);
    expect((thrown as ConfigurationError).setting).toBe(setting);
    expect((thrown as Error).message).toMatch(message);
    expect(isRetryable(thrown)).toBe(false);
  });

  it('refuses options that are not an object', () => {
    expect(() => createClient(42 as unknown as ClientOptions)).toThrow(/options: createClient was given 42/);
  });
});

describe('request fields', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness({ tokens: 3 });
  });
  afterAll(() => harness.close());

  it.each<[string, Record<string, unknown> | null, RegExp]>([
    ['model', { model: 42, prompt: 'Hi' }, /model: model must be a non-empty model id .*, got 42/],
    ['model', { model: '  ', prompt: 'Hi' }, /model: model must be a non-empty model id/],
    ['messages[0]', { model, messages: [null] }, /messages\[0\]: messages\[0\] must be a \{ role, content \} message, got null/],
    ['messages[0].role', { model, messages: [{ role: 'robot', content: 'x' }] }, /must be one of system, user, assistant, tool, got "robot"/],
    ['messages[0].content', { model, messages: [{ role: 'user', content: 3 }] }, /messages\[0\]\.content must be a string, got 3/],
    ['messages', { model, messages: 'Hi' }, /messages must be an array/],
    ['prompt', { model, prompt: ['Hi'] }, /prompt must be a string, got an array/],
    ['headers', { model, prompt: 'Hi', headers: { 'x bad': 'v' } }, /headers must be header names .*, got "x bad"/],
    ['headers["x-ok"]', { model, prompt: 'Hi', headers: { 'x-ok': 'a\r\nInjected: 1' } }, /must be a string without CR, LF .*, got "a\\r\\nInjected: 1"/],
    ['headers', { model, prompt: 'Hi', headers: { 'Content-Length': '3' } }, /a header the client does not set or sign itself/],
    ['opcRequestId', { model, prompt: 'Hi', opcRequestId: 'abc\ndef' }, /opcRequestId must be a non-empty string of visible ASCII .*, got "abc\\ndef"/],
    ['stop', { model, prompt: 'Hi', stop: [1] }, /stop\[0\] must be a string/],
    ['tools[0].name', { model, prompt: 'Hi', tools: [{}] }, /tools\[0\]\.name must be a non-empty string/],
    ['includeUsage', { model, prompt: 'Hi', includeUsage: 'yes' }, /includeUsage must be true or false/],
    ['raw', { model, prompt: 'Hi', raw: 'x' }, /raw must be an object/],
    ['request', null, /request must be a chat request object, got null/],
  ])('refuses a bad %s before sending: %j', async (field, request, message) => {
    const before = harness.emulator.counters.requests;
    const { error } = await settle(harness.client.chat(request as never));
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(field.startsWith((error as InvalidRequestError).field.replace(/\[.*$/, ''))).toBe(true);
    expect((error as Error).message).toMatch(message);
    expect(isRetryable(error)).toBe(false);
    expect(harness.emulator.counters.requests).toBe(before);
  });

  it('refuses a bad generateText request the same way', async () => {
    const { error } = await settle(harness.client.generateText({ model: 'cohere.command', prompt: 'Hi', opcRequestId: 'a b' }));
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect((error as InvalidRequestError).field).toBe('opcRequestId');
  });

  /** Values that are sometimes right and mostly wrong, for every field. */
  const anyOf = <T>(good: fc.Arbitrary<T>) => fc.oneof(good, fc.anything(), fc.constantFrom(Number.NaN, -1, Infinity, '', ' ', '\r\n', null));
  const requestArbitrary = fc.record(
    {
      model: anyOf(fc.constant(model)),
      prompt: anyOf(fc.string({ minLength: 1, maxLength: 20 })),
      messages: anyOf(fc.array(fc.record({ role: fc.constantFrom('user', 'assistant', 'system'), content: fc.string({ maxLength: 10 }) }), { maxLength: 2 })),
      headers: anyOf(fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 2 })),
      opcRequestId: anyOf(fc.string({ maxLength: 12 })),
      maxTokens: anyOf(fc.integer({ min: 1, max: 20 })),
      stop: anyOf(fc.array(fc.string({ maxLength: 4 }), { maxLength: 2 })),
      includeUsage: anyOf(fc.boolean()),
    },
    { requiredKeys: [] },
  );

  test.prop([requestArbitrary], { numRuns: 60 })(
    'any request ends, either answered or with a typed error, and never with a retryable error for a request that cannot succeed',
    async (request) => {
      const { error } = await settle(harness.client.chat(request as never));
      if (error === undefined) return;
      expect(error).toBeInstanceOf(OciGenAiError);
      expect(isRetryable(error)).toBe(false);
    },
  );

  test.prop([fc.record({ maxConnections: anyOf(fc.integer({ min: 1, max: 8 })), transportTimeoutMs: anyOf(fc.integer({ min: 1000, max: 60_000 })), finishGraceMs: anyOf(fc.integer({ min: 0, max: 100 })), maxEventChars: anyOf(fc.integer({ min: 64, max: 4096 })) }, { requiredKeys: [] })], { numRuns: 40 })(
    'any client options are refused at createClient or give a client whose request ends without a retryable error',
    async (options) => {
      const { emulator } = harness;
      const { credentials } = emulator;
      let client;
      try {
        client = createClient({
          ...(options as Partial<ClientOptions>),
          endpoint: emulator.url,
          compartmentId: credentials.compartmentId,
          auth: { type: 'api-key', tenancy: credentials.tenancy, user: credentials.user, fingerprint: credentials.fingerprint, privateKey: credentials.privateKeyPem },
        });
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigurationError);
        return;
      }
      try {
        const { error } = await settle(client.chat({ model, prompt: 'Hi' }));
        if (error !== undefined) expect(isRetryable(error)).toBe(false);
      } finally {
        await client.close();
      }
    },
  );
});
