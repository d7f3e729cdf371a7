import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatEvent, ChatRoute, OciGenAiClient } from '../src/index.js';
import { AuthenticationError, ConfigurationError, createClient, InvalidRequestError } from '../src/index.js';
import type { Harness } from './support/emulatorClient.js';
import { settle, startHarness, textOf } from './support/emulatorClient.js';

let harness: Harness;
let keyed: OciGenAiClient;

beforeAll(async () => {
  harness = await startHarness({ tokens: 12 });
  keyed = createClient({ endpoint: harness.emulator.url, auth: { type: 'generative-ai-api-key', apiKey: harness.emulator.credentials.apiKey }, finishGraceMs: 200 });
});

afterAll(async () => {
  await keyed.close();
  await harness.close();
});

const model = 'meta.llama-3.3-70b-instruct';
const of = <T extends ChatEvent['type']>(events: readonly ChatEvent[], type: T) => events.filter((e): e is Extract<ChatEvent, { type: T }> => e.type === type);

describe.each<ChatRoute>(['responses', 'chat-completions'])('the %s route', (route) => {
  const format = route === 'responses' ? 'RESPONSES' : 'CHAT_COMPLETIONS';

  it('streams, signed, the same text as the native route, then finish and usage', async () => {
    const native = await settle(harness.client.chat({ model, prompt: 'Tell me a joke.' }));
    const { events, error } = await settle(harness.client.chat({ model, prompt: 'Tell me a joke.', route }));
    expect(error).toBeUndefined();
    expect(events[0]).toMatchObject({ type: 'start', format, model });
    expect(textOf(events)).toBe(textOf(native.events));
    expect(events.map((e) => e.type).slice(-2)).toEqual(['finish', 'usage']);
    expect(of(events, 'finish')[0]).toMatchObject({ reason: 'stop' });
    expect(of(events, 'usage')[0]!.usage.completionTokens).toBe(12);
  });

  it('streams with a Generative AI API key instead of a signature', async () => {
    const { events, error } = await settle(keyed.chat({ model, prompt: 'Tell me a joke.', route }));
    expect(error).toBeUndefined();
    expect(textOf(events).length).toBeGreaterThan(10);
  });

  it('refuses an API key of another region with an AuthenticationError that names the region, never the key', async () => {
    const foreignKey = harness.emulator.credentials.issueApiKey('eu-frankfurt-1');
    const foreign = createClient({ endpoint: harness.emulator.url, auth: { type: 'generative-ai-api-key', apiKey: foreignKey } });
    try {
      const { error } = await settle(foreign.chat({ model, prompt: 'Hi', route }));
      expect(error).toBeInstanceOf(AuthenticationError);
      expect((error as AuthenticationError).status).toBe(401);
      expect((error as Error).message).toContain('eu-frankfurt-1');
      expect(JSON.stringify({ ...(error as object), message: (error as Error).message, stack: (error as Error).stack })).not.toContain(foreignKey);
    } finally {
      await foreign.close();
    }
  });

  it('assembles the tool call the model makes, with its id, and finishes with tool-calls', async () => {
    const tools = [{ name: 'getWeather', parameters: { type: 'object', properties: { city: { type: 'string' } } } }];
    const { events, error } = await settle(harness.client.chat({ model, prompt: 'Call getWeather for me.', tools, route }));
    expect(error).toBeUndefined();
    const calls = of(events, 'tool-call');
    expect(calls).toHaveLength(1);
    expect(calls[0]!.toolCall.name).toBe('getWeather');
    expect(calls[0]!.toolCall.id).toMatch(/^chatcmpl-tool-/);
    expect(Object.keys(JSON.parse(calls[0]!.toolCall.arguments) as object)).toEqual(['city']);
    expect(of(events, 'finish')[0]).toMatchObject({ reason: 'tool-calls' });
  });

  it('streams the reasoning of a reasoning model apart from the text, and counts its tokens', async () => {
    const { events, error } = await settle(harness.client.chat({ model: 'openai.gpt-5-mini', prompt: 'Why is the sky blue?', reasoningEffort: 'low', route }));
    expect(error).toBeUndefined();
    expect(of(events, 'reasoning').length).toBeGreaterThan(0);
    expect(of(events, 'usage')[0]!.usage.reasoningTokens).toBe(of(events, 'reasoning').length);
  });

  it('reports an answer cut by maxTokens as finish reason length', async () => {
    const { events } = await settle(harness.client.chat({ model, prompt: 'Tell me a joke.', maxTokens: 3, route }));
    expect(of(events, 'text')).toHaveLength(3);
    expect(of(events, 'finish')[0]).toMatchObject({ reason: 'length' });
  });

  it('sends maxTokens of a model that refuses it as the completion limit, which the service takes', async () => {
    const { events, error } = await settle(harness.client.chat({ model: 'openai.gpt-5-mini', prompt: 'Tell me a joke.', maxTokens: 4, route }));
    expect(error).toBeUndefined();
    expect(of(events, 'text')).toHaveLength(4);
  });
});

describe('routes and keys', () => {
  it('goes to the Responses route by default with an API key, which the native route refuses', async () => {
    const { events } = await settle(keyed.chat({ model, prompt: 'Hi' }));
    expect(events[0]).toMatchObject({ type: 'start', format: 'RESPONSES' });
    const { error } = await settle(keyed.chat({ model, prompt: 'Hi', route: 'native' }));
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect((error as InvalidRequestError).field).toBe('route');
  });

  it('reads the key from the named environment variable, and names the variable (not a key) when it is unset', () => {
    process.env['EMULATOR_TEST_KEY'] = harness.emulator.credentials.apiKey;
    try {
      const client = createClient({ endpoint: harness.emulator.url, auth: { type: 'generative-ai-api-key', apiKeyEnv: 'EMULATOR_TEST_KEY' } });
      void client.close();
    } finally {
      delete process.env['EMULATOR_TEST_KEY'];
    }
    const missing = () => createClient({ endpoint: harness.emulator.url, auth: { type: 'generative-ai-api-key', apiKeyEnv: 'EMULATOR_TEST_KEY' } });
    expect(missing).toThrow(ConfigurationError);
    expect(missing).toThrow(/EMULATOR_TEST_KEY/);
  });

  it('refuses fields a route lacks, naming the field, before sending anything', async () => {
    const before = harness.emulator.counters.requests;
    const { error } = await settle(harness.client.chat({ model, prompt: 'Hi', topK: 5, route: 'responses' }));
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect((error as InvalidRequestError).field).toBe('topK');
    expect(harness.emulator.counters.requests).toBe(before);
  });
});
