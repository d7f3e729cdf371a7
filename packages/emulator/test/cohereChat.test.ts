import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../src/index.js';
import { chatPath, cohereChat, cohereV2Chat, events, postJson, rawExchange } from './support/client.js';
import type { Event } from './support/sse.js';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ tokens: 12 });
});
afterAll(() => emulator.close());

describe('COHERE chat', () => {
  it('streams text deltas, then a finish event repeating the whole text with chatHistory', async () => {
    const list = events((await rawExchange(emulator, chatPath, cohereChat(emulator, 'Say hi.', { isStream: true, chatHistory: [{ role: 'CHATBOT', message: 'Hello!' }] }))).body);
    const deltas = list.slice(0, -1);
    expect(deltas).toHaveLength(12);
    for (const delta of deltas) expect(Object.keys(delta)).toEqual(['apiFormat', 'text', 'pad']);
    const text = deltas.map((delta) => delta['text']).join('');
    expect(list.at(-1)).toEqual({
      apiFormat: 'COHERE',
      text,
      chatHistory: [
        { role: 'CHATBOT', message: 'Hello!' },
        { role: 'USER', message: 'Say hi.' },
        { role: 'CHATBOT', message: text },
      ],
      finishReason: 'COMPLETE',
      pad: expect.stringMatching(/^a+$/) as unknown,
    });
  });

  it('finishes with MAX_TOKENS when cut', async () => {
    const list = events((await rawExchange(emulator, chatPath, cohereChat(emulator, 'Say hi.', { isStream: true, maxTokens: 4 }))).body);
    expect(list).toHaveLength(5);
    expect(list.at(-1)?.['finishReason']).toBe('MAX_TOKENS');
  });

  it('streams one toolCalls event, then the finish event', async () => {
    const tools = [{ name: 'getWeather', description: 'Weather', parameterDefinitions: { city: { type: 'str', isRequired: true } } }];
    const list = events((await rawExchange(emulator, chatPath, cohereChat(emulator, 'getWeather for me', { isStream: true, tools }))).body);
    expect(list).toHaveLength(2);
    expect(list[0]).toEqual({ apiFormat: 'COHERE', toolCalls: [{ name: 'getWeather', parameters: { city: expect.any(String) as unknown } }], pad: expect.any(String) as unknown });
    expect(list[1]).toMatchObject({ apiFormat: 'COHERE', finishReason: 'COMPLETE', toolCalls: [{ name: 'getWeather' }] });
  });

  it('returns text, chatHistory and finishReason when not streaming', async () => {
    const { status, json } = await postJson(emulator, chatPath, cohereChat(emulator, 'Say hi.'));
    expect(status).toBe(200);
    const chatResponse = json['chatResponse'] as Event;
    expect(chatResponse).toMatchObject({ apiFormat: 'COHERE', finishReason: 'COMPLETE' });
    expect(chatResponse['chatHistory']).toEqual([
      { role: 'USER', message: 'Say hi.' },
      { role: 'CHATBOT', message: chatResponse['text'] },
    ]);
  });
});

describe('COHEREV2 chat', () => {
  it('streams TEXT parts and a finish event with the role only', async () => {
    const list = events((await rawExchange(emulator, chatPath, cohereV2Chat(emulator, 'Say hi.', { isStream: true }))).body);
    expect(list.slice(0, -1).every((event) => (event['message'] as { content: Event[] }).content[0]?.['type'] === 'TEXT')).toBe(true);
    expect(list.at(-1)).toEqual({ apiFormat: 'COHEREV2', message: { role: 'ASSISTANT' }, finishReason: 'COMPLETE', pad: expect.any(String) as unknown });
  });

  it('streams THINKING parts first for reasoning models', async () => {
    const list = events((await rawExchange(emulator, chatPath, cohereV2Chat(emulator, 'Why?', { isStream: true }, 'cohere.command-a-reasoning-08-2025'))).body);
    expect(list[0]).toMatchObject({ apiFormat: 'COHEREV2', message: { role: 'ASSISTANT', content: [{ type: 'THINKING', thinking: 'Let' }] } });
  });

  it('returns the message and finishReason when not streaming', async () => {
    const { json } = await postJson(emulator, chatPath, cohereV2Chat(emulator, 'Say hi.'));
    expect(json['chatResponse']).toMatchObject({ apiFormat: 'COHEREV2', message: { role: 'ASSISTANT', content: [{ type: 'TEXT' }] }, finishReason: 'COMPLETE' });
  });
});
