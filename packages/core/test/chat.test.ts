import { concatMap, ignoreElements, lastValueFrom, range } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiFormat } from '../src/index.js';
import { ConfigurationError } from '../src/index.js';
import type { Harness } from './support/emulatorClient.js';
import { settle, startHarness, textOf } from './support/emulatorClient.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ tokens: 30 });
});
afterAll(() => h.close());

const models: Record<ApiFormat, string> = {
  GENERIC: 'meta.llama-3.3-70b-instruct',
  COHERE: 'cohere.command-r-plus-08-2024',
  COHEREV2: 'cohere.command-a-03-2025',
};

describe('client.chat against the emulator', () => {
  for (const [format, model] of Object.entries(models)) {
    it(`streams a ${format} answer: start, text deltas, finish, then completes`, async () => {
      const { events, error } = await settle(h.client.chat({ model, prompt: 'Tell me about the sea.', maxTokens: 200 }));
      expect(error).toBeUndefined();
      expect(events[0]).toMatchObject({ type: 'start', model, format });
      const texts = events.filter((e) => e.type === 'text');
      expect(texts.length).toBe(30);
      expect(events.filter((e) => e.type === 'finish')).toEqual([expect.objectContaining({ reason: 'stop' })]);
      expect(textOf(events).length).toBeGreaterThan(30);
    });
  }

  it('gives the same text for the same request and a different one for another prompt', async () => {
    const a = await settle(h.client.chat({ model: models.GENERIC, prompt: 'One' }));
    const b = await settle(h.client.chat({ model: models.GENERIC, prompt: 'One' }));
    const c = await settle(h.client.chat({ model: models.GENERIC, prompt: 'Two' }));
    expect(textOf(a.events)).toBe(textOf(b.events));
    expect(textOf(a.events)).not.toBe(textOf(c.events));
  });

  it('reports usage after the finish event for GENERIC', async () => {
    const { events } = await settle(h.client.chat({ model: models.GENERIC, prompt: 'Count' }));
    const types = events.map((e) => e.type);
    expect(types.slice(-2)).toEqual(['finish', 'usage']);
    const usage = events.at(-1);
    expect(usage).toMatchObject({ type: 'usage', usage: { completionTokens: 30 } });
  });

  it('does not append the COHERE terminal event that repeats the whole text', async () => {
    const { events } = await settle(h.client.chat({ model: models.COHERE, prompt: 'Say hi.' }));
    const text = textOf(events);
    expect(text.length).toBeGreaterThan(0);
    expect(text).not.toContain(text.slice(0, Math.ceil(text.length / 2)) + text);
    expect(events.filter((e) => e.type === 'text')).toHaveLength(30);
  });

  it('ends with a length finish when maxTokens cuts the answer', async () => {
    const { events } = await settle(h.client.chat({ model: models.GENERIC, prompt: 'Long', maxTokens: 5 }));
    expect(events.filter((e) => e.type === 'text')).toHaveLength(5);
    expect(events.find((e) => e.type === 'finish')).toMatchObject({ reason: 'length' });
  });

  it('streams Japanese text intact', async () => {
    const { events, error } = await settle(h.client.chat({ model: models.GENERIC, prompt: '日本の海について教えてください。' }));
    expect(error).toBeUndefined();
    expect(textOf(events)).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    expect(textOf(events)).not.toContain('\uFFFD');
  });

  it('exposes the opc-request-id it sent on the start event', async () => {
    const { events } = await settle(h.client.chat({ model: models.GENERIC, prompt: 'Hi', opcRequestId: 'MY-REQUEST-1' }));
    expect(events[0]).toMatchObject({ type: 'start', opcRequestId: 'MY-REQUEST-1' });
  });

  it('assembles GENERIC tool call fragments into one call', async () => {
    const tools = [{ name: 'sqrt', description: 'Square root', parameters: { type: 'object', properties: { x: { type: 'number' } } } }];
    const { events, error } = await settle(h.client.chat({ model: models.GENERIC, prompt: 'Use the sqrt tool on 16.', tools }));
    expect(error).toBeUndefined();
    const calls = events.filter((e) => e.type === 'tool-call');
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ toolCall: { name: 'sqrt' } });
    const call = calls[0]!.type === 'tool-call' ? calls[0]!.toolCall : undefined;
    expect(() => JSON.parse(call!.arguments) as unknown).not.toThrow();
    expect(events.find((e) => e.type === 'finish')).toMatchObject({ reason: 'tool-calls' });
  });

  it('reuses one keep-alive connection for sequential prompts', async () => {
    const before = h.emulator.counters.connectionsAccepted;
    for (let i = 0; i < 5; i++) await settle(h.client.chat({ model: models.GENERIC, prompt: `Prompt ${i}` }));
    expect(h.emulator.counters.connectionsAccepted - before).toBeLessThanOrEqual(1);
  });
});

describe('connection reuse', () => {
  it('reuses one connection for prompts chained back to back with concatMap', async () => {
    const local = await startHarness({ tokens: 5 });
    try {
      const chained = range(0, 20).pipe(concatMap((i) => local.client.chat({ model: models.GENERIC, prompt: `Prompt ${i}` })));
      await lastValueFrom(chained.pipe(ignoreElements()), { defaultValue: undefined });
      expect(local.emulator.counters.requests).toBe(20);
      expect(local.emulator.counters.connectionsAccepted).toBe(1);
    } finally {
      await local.close();
    }
  });
});

describe('a closed client', () => {
  it('refuses new streams with a ConfigurationError, not a retryable connection failure', async () => {
    const local = await startHarness();
    const made = local.client.chat({ model: models.GENERIC, prompt: 'Hi' });
    await local.close();
    const { error } = await settle(made);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error).toMatchObject({ setting: 'client', retryable: false });
  });
});

describe('client.generateText against the emulator', () => {
  it.each([['cohere.command', 'COHERE'], ['meta.llama-2-70b-chat', 'LLAMA']])('streams the %s model on the %s runtime', async (model, runtime) => {
    const { events, error } = await settle(h.client.generateText({ model, prompt: 'Tell me a joke.' }));
    expect(error).toBeUndefined();
    expect(events[0]).toMatchObject({ type: 'start', format: runtime });
    expect(textOf(events).length).toBeGreaterThan(0);
    expect(events.find((e) => e.type === 'finish')).toBeDefined();
  });

  it('answers the seed article\'s prompt with a joke', async () => {
    const { events } = await settle(h.client.generateText({ model: 'cohere.command', prompt: 'Tell me a joke.' }));
    expect(textOf(events)).toMatch(/\?/);
  });
});
