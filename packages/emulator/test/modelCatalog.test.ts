import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../src/index.js';
import { chatPath, cohereChat, cohereV2Chat, genericChat, postJson } from './support/client.js';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ tokens: 12 });
});
afterAll(() => emulator.close());

describe('model families', () => {
  it.each([
    ['meta.llama-3.3-70b-instruct', 'GENERIC'],
    ['openai.gpt-oss-120b', 'GENERIC'],
    ['google.gemini-2.5-flash', 'GENERIC'],
    ['mistral.mistral-large', 'GENERIC'],
    ['cohere.command-r-plus-08-2024', 'COHERE'],
    ['cohere.command-a-03-2025', 'COHERE'],
    ['cohere.command-a-03-2025', 'COHEREV2'],
  ])('%s takes %s', async (modelId, apiFormat) => {
    const body = apiFormat === 'COHERE' ? cohereChat(emulator, 'Hi', {}, modelId) : apiFormat === 'GENERIC' ? genericChat(emulator, 'Hi', {}, modelId) : cohereV2Chat(emulator, 'Hi', {}, modelId);
    expect((await postJson(emulator, chatPath, body)).status).toBe(200);
  });

  it.each([
    ['cohere.command-r-plus-08-2024', 'GENERIC', 'takes apiFormat COHERE, not GENERIC'],
    ['cohere.command-r-08-2024', 'COHEREV2', 'takes apiFormat COHERE, not COHEREV2'],
    ['cohere.command-a-03-2025', 'GENERIC', 'takes apiFormat COHERE or COHEREV2, not GENERIC'],
    ['meta.llama-3.3-70b-instruct', 'COHERE', 'takes apiFormat GENERIC, not COHERE'],
  ])('%s refuses %s with 400 naming the formats it takes', async (modelId, apiFormat, message) => {
    const body = apiFormat === 'COHERE' ? cohereChat(emulator, 'Hi', {}, modelId) : apiFormat === 'GENERIC' ? genericChat(emulator, 'Hi', {}, modelId) : cohereV2Chat(emulator, 'Hi', {}, modelId);
    const { status, json } = await postJson(emulator, chatPath, body);
    expect(status).toBe(400);
    expect(json['code']).toBe('InvalidParameter');
    expect(json['message']).toContain(message);
  });

  it('answers 404 NotAuthorizedOrNotFound for an unknown model family or endpoint', async () => {
    expect((await postJson(emulator, chatPath, genericChat(emulator, 'Hi', {}, 'acme.model-1'))).json['code']).toBe('NotAuthorizedOrNotFound');
    const dedicated = { ...genericChat(emulator, 'Hi'), servingMode: { servingType: 'DEDICATED', endpointId: 'ocid1.something.oc1..x' } };
    expect((await postJson(emulator, chatPath, dedicated)).status).toBe(404);
  });
});
