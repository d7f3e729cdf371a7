import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../src/index.js';
import { dataLines, events, generateTextPath, postJson, rawExchange } from './support/client.js';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ tokens: 10 });
});
afterAll(() => emulator.close());

const body = (runtimeType: string, modelId: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  compartmentId: emulator.credentials.compartmentId,
  servingMode: { servingType: 'ON_DEMAND', modelId },
  inferenceRequest: { runtimeType, prompt: 'Tell me a joke.', maxTokens: 500, numGenerations: 1, ...extra },
});

describe('generateText', () => {
  it('streams the seed article joke for COHERE: {id, text} per token with one id, then a finish event', async () => {
    const response = await rawExchange(emulator, generateTextPath, body('COHERE', 'cohere.command', { isStream: true }), { 'x-emulator-tokens': '15' });
    expect(response.headers['content-type']).toBe('text/event-stream');
    const list = events(response.body);
    const tokens = list.slice(0, -1);
    expect(tokens.map((event) => event['text'])).toEqual([' Why', ' was', ' the', ' computer', ' cold', '?', '\n', '\n', 'Because', ' it', ' left', ' its', ' Windows', ' open', '.']);
    expect(new Set(tokens.map((event) => event['id'])).size).toBe(1);
    expect(tokens[0]?.['id']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-/);
    expect(Object.keys(tokens[0] ?? {})).toEqual(['id', 'text', 'pad']);
    expect(list.at(-1)).toEqual({ index: 0, text: '', finishReason: 'COMPLETE', pad: expect.stringMatching(/^a+$/) as unknown });
    expect(dataLines(response.body)).not.toContain('[DONE]');
  });

  it('streams LLAMA events {index, text}, a stop finish event and [DONE]', async () => {
    const response = await rawExchange(emulator, generateTextPath, body('LLAMA', 'meta.llama-2-70b-chat', { isStream: true }));
    const list = events(response.body);
    expect(list.slice(0, -1).every((event) => event['index'] === 0 && typeof event['text'] === 'string')).toBe(true);
    expect(list.at(-1)).toMatchObject({ index: 0, text: '', finishReason: 'stop' });
    expect(dataLines(response.body).at(-1)).toBe('[DONE]');
  });

  it('reports MAX_TOKENS and length when maxTokens cuts the answer', async () => {
    expect(events((await rawExchange(emulator, generateTextPath, body('COHERE', 'cohere.command', { isStream: true, maxTokens: 3 }))).body).at(-1)?.['finishReason']).toBe('MAX_TOKENS');
    expect(events((await rawExchange(emulator, generateTextPath, body('LLAMA', 'meta.llama-2-70b-chat', { isStream: true, maxTokens: 3 }))).body).at(-1)?.['finishReason']).toBe('length');
  });

  it('returns generatedTexts for COHERE when not streaming', async () => {
    const { status, json } = await postJson(emulator, generateTextPath, body('COHERE', 'cohere.command'));
    expect(status).toBe(200);
    expect(json).toMatchObject({
      modelId: 'cohere.command',
      inferenceResponse: { runtimeType: 'COHERE', generatedTexts: [{ id: expect.any(String) as unknown, text: expect.stringMatching(/^ Why was the computer cold\?/) as unknown, finishReason: 'COMPLETE' }] },
    });
  });

  it('returns choices for LLAMA when not streaming', async () => {
    const { json } = await postJson(emulator, generateTextPath, body('LLAMA', 'meta.llama-2-70b-chat'));
    expect(json['inferenceResponse']).toMatchObject({ runtimeType: 'LLAMA', created: expect.any(String) as unknown, choices: [{ index: 0, text: expect.any(String) as unknown, finishReason: 'stop' }] });
  });

  it.each([
    ['LLAMA', 'cohere.command', 'takes runtimeType COHERE, not LLAMA'],
    ['COHERE', 'meta.llama-2-70b-chat', 'takes runtimeType LLAMA, not COHERE'],
    ['COHERE', 'xai.grok-4', 'does not support generateText'],
    ['GPT', 'cohere.command', 'runtimeType must be COHERE or LLAMA'],
  ])('refuses runtime %s for %s with 400', async (runtime, modelId, message) => {
    const { status, json } = await postJson(emulator, generateTextPath, body(runtime, modelId));
    expect(status).toBe(400);
    expect(json['message']).toContain(message);
  });

  it('refuses an empty prompt', async () => {
    const { status, json } = await postJson(emulator, generateTextPath, body('COHERE', 'cohere.command', { prompt: '  ' }));
    expect(status).toBe(400);
    expect(json).toEqual({ code: 'InvalidParameter', message: 'inferenceRequest.prompt must be a non-empty string.' });
  });
});
