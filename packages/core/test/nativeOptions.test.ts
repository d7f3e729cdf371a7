import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatEvent, ChatRequest } from '../src/index.js';
import { BadRequestError, InvalidRequestError } from '../src/index.js';
import { chatBody } from '../src/internal/chatBody.js';
import type { Harness } from './support/emulatorClient.js';
import { settle, startHarness } from './support/emulatorClient.js';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness({ tokens: 12 });
});
afterAll(() => harness.close());

const wire = (request: ChatRequest): Record<string, unknown> =>
  (JSON.parse(chatBody(request, 'ocid1.compartment.oc1..c').body) as { chatRequest: Record<string, unknown> }).chatRequest;
const of = <T extends ChatEvent['type']>(events: readonly ChatEvent[], type: T) => events.filter((e): e is Extract<ChatEvent, { type: T }> => e.type === type);

describe('GENERIC options (oci-typescript-sdk GenericChatRequest)', () => {
  it('sends reasoning effort, verbosity, service tier, tool choice, parallel calls and a JSON schema in the SDK shapes', () => {
    const body = wire({
      model: 'openai.gpt-5',
      prompt: 'Weather?',
      reasoningEffort: 'minimal',
      verbosity: 'low',
      serviceTier: 'priority',
      toolChoice: { name: 'getWeather' },
      parallelToolCalls: false,
      responseFormat: { type: 'json-schema', name: 'weather', schema: { type: 'object' }, strict: true },
    });
    expect(body).toMatchObject({
      reasoningEffort: 'MINIMAL',
      verbosity: 'LOW',
      serviceTier: 'PRIORITY',
      toolChoice: { type: 'FUNCTION', name: 'getWeather' },
      isParallelToolCalls: false,
      responseFormat: { type: 'JSON_SCHEMA', jsonSchema: { name: 'weather', schema: { type: 'object' }, isStrict: true } },
    });
  });

  it('sends maxTokens of a model family that refuses it as maxCompletionTokens, and as maxTokens elsewhere', () => {
    expect(wire({ model: 'openai.gpt-5-mini', prompt: 'Hi', maxTokens: 50 })).toMatchObject({ maxCompletionTokens: 50 });
    expect(wire({ model: 'openai.gpt-5-mini', prompt: 'Hi', maxTokens: 50 })).not.toHaveProperty('maxTokens');
    expect(wire({ model: 'meta.llama-3.3-70b-instruct', prompt: 'Hi', maxTokens: 50 })).toMatchObject({ maxTokens: 50 });
  });

  it('streams a gpt-5 answer cut by maxTokens, which the service would refuse under that name', async () => {
    const { events, error } = await settle(harness.client.chat({ model: 'openai.gpt-5-mini', prompt: 'Tell me a joke.', maxTokens: 4 }));
    expect(error).toBeUndefined();
    expect(of(events, 'text')).toHaveLength(4);
  });

  it('streams the reasoning of a reasoning model and reports its reasoning tokens', async () => {
    const { events, error } = await settle(harness.client.chat({ model: 'openai.gpt-oss-120b', prompt: 'Why?', reasoningEffort: 'high' }));
    expect(error).toBeUndefined();
    expect(of(events, 'usage')[0]!.usage.reasoningTokens).toBe(of(events, 'reasoning').length);
    expect(of(events, 'reasoning').length).toBeGreaterThan(0);
  });

  it("surfaces the service's refusal of reasoning effort on a model that does not reason as a BadRequestError naming it", async () => {
    const { error } = await settle(harness.client.chat({ model: 'meta.llama-3.3-70b-instruct', prompt: 'Hi', reasoningEffort: 'low' }));
    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as Error).message).toContain('reasoningEffort');
  });
});

describe('COHEREV2 and COHERE options', () => {
  it('sends COHEREV2 thinking, tools choice and a JSON object format in the SDK shapes, and the service takes them', async () => {
    const request: ChatRequest = {
      model: 'cohere.command-a-reasoning-08-2025',
      prompt: 'Hi',
      thinking: { enabled: true, tokenBudget: 256 },
      toolChoice: 'none',
      responseFormat: { type: 'json-schema', name: 'x', schema: { type: 'object' } },
    };
    expect(wire(request)).toMatchObject({ thinking: { type: 'ENABLED', tokenBudget: 256 }, toolsChoice: 'NONE', responseFormat: { type: 'JSON_OBJECT', schema: { type: 'object' } } });
    const { events, error } = await settle(harness.client.chat(request));
    expect(error).toBeUndefined();
    expect(of(events, 'reasoning').length).toBeGreaterThan(0);
  });

  it.each([
    [{ model: 'cohere.command-a-03-2025', prompt: 'Hi', reasoningEffort: 'low' }, 'reasoningEffort'],
    [{ model: 'cohere.command-r-plus-08-2024', prompt: 'Hi', responseFormat: { type: 'json-object' } }, 'responseFormat'],
    [{ model: 'meta.llama-3.3-70b-instruct', prompt: 'Hi', thinking: { enabled: true } }, 'thinking'],
    [{ model: 'cohere.command-a-03-2025', prompt: 'Hi', toolChoice: { name: 'f' } }, 'toolChoice'],
  ] as const)('refuses an option the format has no place for, before sending: %j', async (request, field) => {
    const { error } = await settle(harness.client.chat(request));
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect((error as InvalidRequestError).field).toBe(field);
  });
});
