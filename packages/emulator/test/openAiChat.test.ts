import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../src/index.js';
import { RawConnection, requestBytes } from './support/rawHttp.js';
import { chatPath, dataLines, events, genericChat, openAiPath, postJson, rawExchange } from './support/client.js';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ tokens: 20 });
});
afterAll(() => emulator.close());

const request = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  model: 'meta.llama-3.3-70b-instruct',
  messages: [
    { role: 'system', content: 'Be brief.' },
    { role: 'user', content: 'Describe a harbor.' },
  ],
  ...extra,
});
const nativeMessages = [
  { role: 'SYSTEM', content: [{ type: 'TEXT', text: 'Be brief.' }] },
  { role: 'USER', content: [{ type: 'TEXT', text: 'Describe a harbor.' }] },
];

async function bearerPost(body: unknown, apiKey = emulator.credentials.apiKey): Promise<Response> {
  return fetch(`${emulator.url}${openAiPath}`, { method: 'POST', headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

describe('the OpenAI-compatible route', () => {
  it('accepts the bearer API key and returns a chat.completion', async () => {
    const response = await bearerPost(request());
    expect(response.status).toBe(200);
    const json = (await response.json()) as Record<string, unknown>;
    expect(json).toMatchObject({
      object: 'chat.completion',
      model: 'meta.llama-3.3-70b-instruct',
      choices: [{ index: 0, message: { role: 'assistant', content: expect.any(String) as unknown }, finish_reason: 'stop' }],
      usage: { completion_tokens: 20 },
    });
  });

  it('refuses a wrong bearer key with 401', async () => {
    const response = await bearerPost(request(), 'sk-wrong');
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ code: 'NotAuthenticated', message: 'The bearer API key is not valid for this service' });
  });

  it('accepts an OCI signature with opc-compartment-id, and refuses one without it', async () => {
    expect((await postJson(emulator, openAiPath, request(), { 'opc-compartment-id': emulator.credentials.compartmentId })).status).toBe(200);
    const { status, json } = await postJson(emulator, openAiPath, request());
    expect(status).toBe(400);
    expect(json['code']).toBe('MissingParameter');
  });

  it('gives the same text as the native GENERIC route for the same content', async () => {
    const openAi = (await (await bearerPost(request())).json()) as { choices: Array<{ message: { content: string } }> };
    const native = await postJson(emulator, chatPath, genericChat(emulator, '', { messages: nativeMessages }));
    const choices = (native.json['chatResponse'] as { choices: Array<{ message: { content: Array<{ text: string }> } }> }).choices;
    expect(openAi.choices[0]?.message.content).toBe(choices[0]?.message.content[0]?.text);
  });

  it('streams chat.completion.chunk objects, a stop chunk, a usage chunk and [DONE], with the same text as GENERIC streaming', async () => {
    const connection = await RawConnection.open(emulator.url);
    const text = JSON.stringify(request({ stream: true, stream_options: { include_usage: true } }));
    connection.send(requestBytes('POST', openAiPath, { host: new URL(emulator.url).host, authorization: `Bearer ${emulator.credentials.apiKey}`, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)), connection: 'close' }, text));
    await connection.waitForClose();
    const response = connection.response();
    expect(response.headers['content-type']).toBe('text/event-stream');
    expect(dataLines(response.body).at(-1)).toBe('[DONE]');
    const chunks = events(response.body);
    expect(chunks[0]).toMatchObject({ object: 'chat.completion.chunk', choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] });
    expect(chunks.every((chunk) => !('pad' in chunk))).toBe(true);
    const stop = chunks.at(-2) as { choices: Array<Record<string, unknown>> };
    expect(stop.choices[0]).toEqual({ index: 0, delta: {}, finish_reason: 'stop' });
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: { completion_tokens: 20, prompt_tokens: expect.any(Number) as unknown } });
    const streamed = chunks.map((chunk) => ((chunk['choices'] as Array<{ delta?: { content?: string } }>)[0]?.delta?.content ?? '')).join('');

    const native = events((await rawExchange(emulator, chatPath, genericChat(emulator, '', { messages: nativeMessages, isStream: true }))).body);
    const nativeText = native.map((event) => ((event['message'] as { content?: Array<{ text: string }> } | undefined)?.content?.[0]?.text ?? '')).join('');
    expect(streamed).toBe(nativeText);
  });

  it('refuses a Cohere model and an unknown one', async () => {
    expect((await bearerPost(request({ model: 'cohere.command-r-plus' }))).status).toBe(400);
    expect((await bearerPost(request({ model: 'acme.x' }))).status).toBe(404);
  });
});
