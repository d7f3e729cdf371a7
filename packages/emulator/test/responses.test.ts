import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../src/index.js';
import { chatModelCatalog } from '../src/internal/formats/modelCatalog.js';
import { chatPath, events, genericChat, openAiPath, postJson } from './support/client.js';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ tokens: 8 });
});
afterAll(() => emulator.close());

const responsesPath = '/openai/v1/responses';

async function bearer(path: string, body: unknown, apiKey = emulator.credentials.apiKey): Promise<Response> {
  return fetch(`${emulator.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

describe('the Responses route', () => {
  it('streams named events, each data line repeating its event name as type, numbered by sequence_number', async () => {
    const response = await bearer(responsesPath, { model: 'meta.llama-3.3-70b-instruct', input: 'Describe a harbor.', stream: true });
    expect(response.status).toBe(200);
    const body = await response.text();
    const blocks = body.split('\n\n').filter((block) => block !== '');
    const parsed = blocks.map((block) => {
      const [eventLine, dataLine] = block.split('\n') as [string, string];
      return { name: eventLine.replace(/^event: /, ''), data: JSON.parse(dataLine.replace(/^data: /, '')) as { type: string; sequence_number: number; delta?: string } };
    });
    expect(parsed.every((p, i) => p.name === p.data.type && p.data.sequence_number === i)).toBe(true);
    expect(parsed[0]!.name).toBe('response.created');
    expect(parsed.at(-1)!.name).toBe('response.completed');
    expect(parsed.filter((p) => p.name === 'response.output_text.delta')).toHaveLength(8);
  });

  it('answers the same text as the native route for the same conversation', async () => {
    const native = await postJson(emulator, chatPath, genericChat(emulator, 'Describe a harbor.'));
    const nativeText = ((native.json['chatResponse'] as { choices: Array<{ message: { content: Array<{ text: string }> } }> }).choices[0]!.message.content[0]!.text);
    const response = (await (await bearer(responsesPath, { model: 'meta.llama-3.3-70b-instruct', input: [{ role: 'user', content: [{ type: 'input_text', text: 'Describe a harbor.' }] }] })).json()) as {
      status: string;
      output: Array<{ type: string; content: Array<{ text: string }> }>;
      usage: { output_tokens: number };
    };
    expect(response.status).toBe('completed');
    expect(response.output[0]!.content[0]!.text).toBe(nativeText);
    expect(response.usage.output_tokens).toBe(8);
  });

  it('ends with response.incomplete when max_output_tokens cuts the answer', async () => {
    const body = await (await bearer(responsesPath, { model: 'meta.llama-3.3-70b-instruct', input: 'Hi', stream: true, max_output_tokens: 3 })).text();
    expect(body).toContain('event: response.incomplete');
    expect(body).toContain('"incomplete_details":{"reason":"max_output_tokens"}');
  });

  it('refuses chat completions fields with 400, naming the Responses field to use', async () => {
    const response = await bearer(responsesPath, { model: 'meta.llama-3.3-70b-instruct', input: 'Hi', max_tokens: 5 });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { message: string }).message).toContain('max_output_tokens');
  });
});

describe('Generative AI API keys', () => {
  it.each([openAiPath, responsesPath])('%s answers 401 naming the region for a key of another region, without quoting the key', async (path) => {
    const foreign = emulator.credentials.issueApiKey('ap-osaka-1');
    const response = await bearer(path, { model: 'meta.llama-3.3-70b-instruct', input: 'Hi', messages: [{ role: 'user', content: 'Hi' }] }, foreign);
    expect(response.status).toBe(401);
    const text = await response.text();
    expect(text).toContain('ap-osaka-1');
    expect(text).not.toContain(foreign);
  });

  it('answers 401 without a region for a key it never issued', async () => {
    const response = await bearer(responsesPath, { model: 'meta.llama-3.3-70b-instruct', input: 'Hi' }, 'sk-emulator-us-chicago-1-000000000000000000000000000000000000000000000000');
    expect(response.status).toBe(401);
    expect(await response.text()).toContain('not valid');
  });

  it('is not taken by the native route', async () => {
    const response = await bearer(chatPath, genericChat(emulator, 'Hi'));
    expect(response.status).toBe(401);
  });
});

describe("today's models and their constraints", () => {
  it.each(chatModelCatalog.filter((id) => !id.startsWith('cohere.')))('%s answers on chat completions', async (model) => {
    const response = await bearer(openAiPath, { model, messages: [{ role: 'user', content: 'Hi' }] });
    expect(response.status).toBe(200);
  });

  it('refuses max_tokens for openai.gpt-5 models, as OpenAI reasoning models do, and takes max_completion_tokens', async () => {
    const refused = await bearer(openAiPath, { model: 'openai.gpt-5', messages: [{ role: 'user', content: 'Hi' }], max_tokens: 5 });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { message: string }).message).toContain("Use 'max_completion_tokens'");
    expect((await bearer(openAiPath, { model: 'openai.gpt-5', messages: [{ role: 'user', content: 'Hi' }], max_completion_tokens: 5 })).status).toBe(200);
  });

  it('refuses maxTokens on the native route for openai.gpt-5 and a reasoning effort for a model that does not reason', async () => {
    expect((await postJson(emulator, chatPath, genericChat(emulator, 'Hi', { maxTokens: 5 }, 'openai.gpt-5-mini'))).json['message']).toContain('maxCompletionTokens');
    expect((await postJson(emulator, chatPath, genericChat(emulator, 'Hi', { reasoningEffort: 'LOW' }))).status).toBe(400);
    expect((await postJson(emulator, chatPath, genericChat(emulator, 'Hi', { reasoningEffort: 'LOW' }, 'openai.gpt-5-mini'))).status).toBe(200);
  });

  it('streams chat completions tool calls as deltas by index, closed by tool_calls', async () => {
    const body = await (await bearer(openAiPath, {
      model: 'meta.llama-3.3-70b-instruct',
      stream: true,
      messages: [{ role: 'user', content: 'Call sqrt of 16.' }],
      tools: [{ type: 'function', function: { name: 'sqrt', parameters: { type: 'object', properties: { x: { type: 'number' } } } } }],
    })).text();
    const chunks = events(body) as Array<{ choices: Array<{ delta: { tool_calls?: Array<{ index: number; id?: string; function: { arguments?: string } }> }; finish_reason: string | null }> }>;
    const deltas = chunks.flatMap((chunk) => chunk.choices[0]?.delta.tool_calls ?? []);
    expect(deltas[0]).toMatchObject({ index: 0, id: expect.stringMatching(/^chatcmpl-tool-/) as unknown });
    expect(deltas.every((delta) => delta.index === 0)).toBe(true);
    expect(JSON.parse(deltas.map((delta) => delta.function.arguments ?? '').join(''))).toEqual({ x: 16 });
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe('tool_calls');
  });
});
