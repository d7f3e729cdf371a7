import { describe, expect, it } from 'vitest';
import { InvalidRequestError } from '../src/index.js';
import { chatBody } from '../src/internal/chatBody.js';

const body = (request: Parameters<typeof chatBody>[0]) => JSON.parse(chatBody(request, 'ocid1.compartment.oc1..c').body) as {
  compartmentId: string;
  servingMode: Record<string, string>;
  chatRequest: Record<string, unknown>;
};

describe('chatBody', () => {
  it('builds a GENERIC streaming request with usage for a Meta model', () => {
    const b = body({ model: 'meta.llama-3.3-70b-instruct', system: 'Be brief.', prompt: 'Tell me a joke.', maxTokens: 500, temperature: 0.7 });
    expect(b).toEqual({
      compartmentId: 'ocid1.compartment.oc1..c',
      servingMode: { servingType: 'ON_DEMAND', modelId: 'meta.llama-3.3-70b-instruct' },
      chatRequest: {
        apiFormat: 'GENERIC',
        isStream: true,
        streamOptions: { isIncludeUsage: true },
        messages: [
          { role: 'SYSTEM', content: [{ type: 'TEXT', text: 'Be brief.' }] },
          { role: 'USER', content: [{ type: 'TEXT', text: 'Tell me a joke.' }] },
        ],
        maxTokens: 500,
        temperature: 0.7,
      },
    });
  });

  it('builds a COHERE request with the last user message, history and preamble', () => {
    const b = body({
      model: 'cohere.command-r-plus-08-2024',
      system: 'Be brief.',
      messages: [{ role: 'user', content: 'Hi' }, { role: 'assistant', content: 'Hello!' }],
      prompt: 'Tell me a joke.',
      stop: ['END'],
    });
    expect(b.chatRequest).toEqual({
      apiFormat: 'COHERE',
      isStream: true,
      message: 'Tell me a joke.',
      chatHistory: [{ role: 'USER', message: 'Hi' }, { role: 'CHATBOT', message: 'Hello!' }],
      preambleOverride: 'Be brief.',
      stopSequences: ['END'],
    });
  });

  it('chooses COHEREV2 for command-a models and keeps typed content parts', () => {
    const b = body({ model: 'cohere.command-a-03-2025', prompt: 'Hi' });
    expect(b.chatRequest['apiFormat']).toBe('COHEREV2');
    expect(b.chatRequest['messages']).toEqual([{ role: 'USER', content: [{ type: 'TEXT', text: 'Hi' }] }]);
    // COHEREV2 takes streamOptions too (the SDK's CohereChatRequestV2; docs/wire-format.md).
    expect(b.chatRequest['streamOptions']).toEqual({ isIncludeUsage: true });
  });

  it('serves a dedicated endpoint OCID in DEDICATED mode', () => {
    const b = body({ model: 'ocid1.generativeaiendpoint.oc1.us-chicago-1.xyz', prompt: 'Hi' });
    expect(b.servingMode).toEqual({ servingType: 'DEDICATED', endpointId: 'ocid1.generativeaiendpoint.oc1.us-chicago-1.xyz' });
    expect(b.chatRequest['apiFormat']).toBe('GENERIC');
  });

  it('lets raw fields reach what the friendly shape lacks, and win', () => {
    const b = body({ model: 'meta.llama-3.3-70b-instruct', prompt: 'Hi', maxTokens: 5, raw: { maxTokens: 9, reasoningEffort: 'LOW' } });
    expect(b.chatRequest['maxTokens']).toBe(9);
    expect(b.chatRequest['reasoningEffort']).toBe('LOW');
  });

  it('converts tools to each format', () => {
    const tool = { name: 'sqrt', description: 'Square root', parameters: { type: 'object', properties: { x: { type: 'number' } }, required: ['x'] } };
    expect(body({ model: 'meta.llama-3.3-70b-instruct', prompt: 'Hi', tools: [tool] }).chatRequest['tools']).toEqual([
      { type: 'FUNCTION', name: 'sqrt', description: 'Square root', parameters: tool.parameters },
    ]);
    expect(body({ model: 'cohere.command-r-08-2024', prompt: 'Hi', tools: [tool] }).chatRequest['tools']).toEqual([
      { name: 'sqrt', description: 'Square root', parameterDefinitions: { x: { type: 'number', isRequired: true } } },
    ]);
  });

  it.each([
    [{ model: 'meta.llama-3.3-70b-instruct', prompt: '  ' }, 'prompt', /empty/],
    [{ model: 'meta.llama-3.3-70b-instruct' }, 'prompt', /no prompt and no messages/],
    [{ model: '', prompt: 'Hi' }, 'model', /empty/],
    [{ model: 'meta.llama-3.3-70b-instruct', prompt: 'Hi', format: 'COHERE' as const }, 'format', /does not take the COHERE format\. Use GENERIC/],
    [{ model: 'meta.llama-3.3-70b-instruct', prompt: 'Hi', format: 'OPENAI' as never }, 'format', /not a chat format/],
    [{ model: 'meta.llama-3.3-70b-instruct', prompt: 'Hi', temperature: Number.NaN }, 'temperature', /finite number/],
    [{ model: 'cohere.command-r-08-2024', messages: [{ role: 'assistant' as const, content: 'Hi' }] }, 'messages', /end with a user message/],
  ])('rejects an invalid request before sending: %o', (request, field, message) => {
    let error: unknown;
    try {
      chatBody(request, 'c');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect((error as InvalidRequestError).field).toBe(field);
    expect((error as InvalidRequestError).message).toMatch(message);
  });
});
