import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../src/index.js';
import { chatPath, events, genericChat, postJson, rawExchange } from './support/client.js';
import { expectDataOnlyFraming, textOf, type Event } from './support/sse.js';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ tokens: 12 });
});
afterAll(() => emulator.close());

describe('GENERIC chat, streaming', () => {
  it('streams an empty first delta, text deltas, a finish event without index, then [DONE] for Meta', async () => {
    const response = await rawExchange(emulator, chatPath, genericChat(emulator, 'What is a river?', { isStream: true }));
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/event-stream');
    const body = response.body.toString('utf8');
    expectDataOnlyFraming(body);
    expect(body.endsWith('data: [DONE]\n\n')).toBe(true);
    const list = events(body);
    expect(list[0]).toEqual({ index: 0, message: { role: 'ASSISTANT', content: [{ type: 'TEXT', text: '' }] }, pad: expect.stringMatching(/^a+$/) as unknown });
    const deltas = list.slice(1, -1);
    expect(deltas).toHaveLength(12);
    for (const delta of deltas) {
      expect(delta['index']).toBe(0);
      expect(textOf(delta)).not.toBe('');
    }
    const finish = list.at(-1) ?? {};
    expect(finish).not.toHaveProperty('index');
    expect(finish).toMatchObject({ message: { role: 'ASSISTANT' }, finishReason: 'stop' });
    expect(list.every((event) => typeof event['pad'] === 'string' && /^a+$/.test(event['pad']))).toBe(true);
  });

  it('adds the usage frame after the finish event only with streamOptions.isIncludeUsage', async () => {
    const withUsage = events((await rawExchange(emulator, chatPath, genericChat(emulator, 'Hi', { isStream: true, streamOptions: { isIncludeUsage: true } }))).body);
    const usage = withUsage.at(-1)?.['usage'] as Record<string, number>;
    expect(withUsage.at(-2)?.['finishReason']).toBe('stop');
    expect(usage['completionTokens']).toBe(12);
    expect(usage['totalTokens']).toBe((usage['promptTokens'] ?? 0) + 12);
    const without = events((await rawExchange(emulator, chatPath, genericChat(emulator, 'Hi', { isStream: true }))).body);
    expect(without.some((event) => 'usage' in event)).toBe(false);
  });

  it('ends non-Meta GENERIC streams at EOF without [DONE]', async () => {
    const response = await rawExchange(emulator, chatPath, genericChat(emulator, 'Hi', { isStream: true }, 'xai.grok-4'));
    const body = response.body.toString('utf8');
    expect(response.complete).toBe(true);
    expect(body).not.toContain('[DONE]');
    expect(events(body).at(-1)?.['finishReason']).toBe('stop');
  });

  it('finishes with length when maxTokens cuts the answer', async () => {
    const list = events((await rawExchange(emulator, chatPath, genericChat(emulator, 'Hi', { isStream: true, maxTokens: 5 }))).body);
    expect(list.slice(1, -1)).toHaveLength(5);
    expect(list.at(-1)?.['finishReason']).toBe('length');
  });

  it('streams the same text the non-streaming call returns', async () => {
    const streamed = events((await rawExchange(emulator, chatPath, genericChat(emulator, 'Same?', { isStream: true }))).body).map(textOf).join('');
    const { json } = await postJson(emulator, chatPath, genericChat(emulator, 'Same?'));
    const chatResponse = json['chatResponse'] as { choices: Event[] };
    expect(textOf(chatResponse.choices[0] ?? {})).toBe(streamed);
  });

  it('streams tool-call fragments: id and name first, then argument pieces, then tool_calls', async () => {
    const tools = [{ type: 'FUNCTION', name: 'getWeather', parameters: { type: 'object', properties: { city: { type: 'string' }, days: { type: 'integer' } } } }];
    const list = events((await rawExchange(emulator, chatPath, genericChat(emulator, 'Use a tool for the weather', { isStream: true, tools }))).body);
    const calls = list.map((event) => ((event['message'] as { toolCalls?: Event[] } | undefined)?.toolCalls ?? [])[0] ?? {});
    expect(calls[0]).toEqual({ type: 'FUNCTION', id: expect.stringMatching(/^chatcmpl-tool-/) as unknown, name: 'getWeather' });
    const pieces = calls.slice(1, -1).map((call) => call['arguments'] as string);
    expect(pieces.length).toBeGreaterThan(2);
    expect(calls.slice(1).every((call) => !('name' in call) && !('id' in call))).toBe(true);
    expect(JSON.parse(pieces.join(''))).toEqual({ city: expect.any(String) as unknown, days: 16 });
    expect(list.at(-1)).toMatchObject({ finishReason: 'tool_calls', message: { toolCalls: [{ type: 'FUNCTION', arguments: '' }] } });
    expect(list.at(-1)).not.toHaveProperty('index');
  });

  it('answers in text when no tool is asked for or the last message is a tool result', async () => {
    const tools = [{ type: 'FUNCTION', name: 'sqrt', parameters: { type: 'object', properties: { x: { type: 'number' } } } }];
    const plain = events((await rawExchange(emulator, chatPath, genericChat(emulator, 'Say something', { isStream: true, tools }))).body);
    expect(plain.at(-1)?.['finishReason']).toBe('stop');
    const messages = [
      { role: 'USER', content: [{ type: 'TEXT', text: 'What is sqrt of 16?' }] },
      { role: 'ASSISTANT', toolCalls: [{ type: 'FUNCTION', id: 'call-1', name: 'sqrt', arguments: '{"x":16}' }] },
      { role: 'TOOL', toolCallId: 'call-1', content: [{ type: 'TEXT', text: '4' }] },
    ];
    const after = events((await rawExchange(emulator, chatPath, genericChat(emulator, '', { isStream: true, tools, messages }))).body);
    expect(after.at(-1)?.['finishReason']).toBe('stop');
  });

  it('sends reasoningContent deltas before the text for models whose id contains "reason"', async () => {
    const list = events((await rawExchange(emulator, chatPath, genericChat(emulator, 'Why?', { isStream: true }, 'xai.grok-3-mini-reason'))).body);
    const reasoning = list.filter((event) => typeof (event['message'] as Event | undefined)?.['reasoningContent'] === 'string');
    expect(reasoning).toHaveLength(12);
    expect(reasoning[0]).toMatchObject({ index: 0, message: { role: 'ASSISTANT', reasoningContent: 'Let' } });
    const firstText = list.findIndex((event) => textOf(event) !== '');
    expect(firstText).toBeGreaterThan(list.indexOf(reasoning.at(-1) ?? {}));
  });
});

describe('GENERIC chat, not streaming', () => {
  it('returns modelId, modelVersion and a chatResponse with choices and usage', async () => {
    const { status, json, headers } = await postJson(emulator, chatPath, genericChat(emulator, 'Hi', { maxTokens: 3 }));
    expect(status).toBe(200);
    expect(headers.get('content-type')).toBe('application/json');
    expect(json).toEqual({
      modelId: 'meta.llama-3.3-70b-instruct',
      modelVersion: expect.any(String) as unknown,
      chatResponse: {
        apiFormat: 'GENERIC',
        timeCreated: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) as unknown,
        choices: [{ index: 0, message: { role: 'ASSISTANT', content: [{ type: 'TEXT', text: expect.any(String) as unknown }] }, finishReason: 'length' }],
        usage: { completionTokens: 3, promptTokens: expect.any(Number) as unknown, totalTokens: expect.any(Number) as unknown },
      },
    });
  });

  it('serves a dedicated endpoint as meta.llama-3.3-70b-instruct', async () => {
    const body = { ...genericChat(emulator, 'Hi'), servingMode: { servingType: 'DEDICATED', endpointId: 'ocid1.generativeaiendpoint.oc1.us-chicago-1.amaaaa' } };
    const { status, json } = await postJson(emulator, chatPath, body);
    expect(status).toBe(200);
    expect(json['modelId']).toBe('meta.llama-3.3-70b-instruct');
  });
});

describe('answer text over the wire', () => {
  it('gives the same text for the same request and a different one for a different prompt', async () => {
    const text = async (prompt: string): Promise<string> => {
      const { json } = await postJson(emulator, chatPath, genericChat(emulator, prompt));
      return textOf(((json['chatResponse'] as { choices: Event[] }).choices[0]) ?? {});
    };
    const first = await text('What is a harbor?');
    expect(await text('What is a harbor?')).toBe(first);
    expect(await text('What is a lantern?')).not.toBe(first);
  });

  it('tells a joke for "Tell me a joke."', async () => {
    const list = events((await rawExchange(emulator, chatPath, genericChat(emulator, 'Tell me a joke.', { isStream: true }, 'meta.llama-3.3-70b-instruct'), { 'x-emulator-tokens': '15' })).body);
    expect(list.map(textOf).join('')).toBe('Why was the computer cold?\n\nBecause it left its Windows open.');
  });

  it('answers in Japanese as valid UTF-8 when asked by header', async () => {
    const response = await rawExchange(emulator, chatPath, genericChat(emulator, 'Hello', { isStream: true }), { 'x-emulator-lang': 'ja', 'x-emulator-tokens': '60' });
    const decoded = new TextDecoder('utf-8', { fatal: true }).decode(response.body);
    const text = events(decoded).map(textOf).join('');
    expect(text).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    expect(text).toMatch(/。/);
    expect(Buffer.byteLength(text)).toBeGreaterThan(text.length * 2);
  });

  it('answers in Japanese when the prompt is Japanese', async () => {
    const { json } = await postJson(emulator, chatPath, genericChat(emulator, '日本語で答えてください'));
    expect(textOf(((json['chatResponse'] as { choices: Event[] }).choices[0]) ?? {})).toMatch(/^[^a-zA-Z]+$/);
  });

  it('echoes opc-request-id, or makes an upper-case hex one', async () => {
    expect((await postJson(emulator, chatPath, genericChat(emulator, 'Hi'), { 'opc-request-id': 'my-id-1' })).headers.get('opc-request-id')).toBe('my-id-1');
    expect((await postJson(emulator, chatPath, genericChat(emulator, 'Hi'))).headers.get('opc-request-id')).toMatch(/^[0-9A-F]{32}$/);
  });
});
