import type { ChatEvent, ChatMessage, OciGenAiClient, ToolCall, ToolDefinition } from '@oci-genai-rx/core';
import type { Emulator } from '@oci-genai-rx/emulator';
import type { UIMessage } from 'ai';
import { DefaultChatTransport, readUIMessageStream } from 'ai';
import { lastValueFrom, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { useWebChatServer } from './support/webChatFixture.js';

const getWeather: ToolDefinition = {
  name: 'getWeather',
  description: 'The weather in a city.',
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};

/** A user's message as `useChat` holds it. */
const userMessage = (text: string): UIMessage => ({ id: `user-${text.length}`, role: 'user', parts: [{ type: 'text', text }] });

describe('web chat relay: the AI SDK UI message stream', () => {
  const startRelay = useWebChatServer();
  let client: OciGenAiClient | undefined;
  let emulator: Emulator | undefined;

  async function start(model: string, tools?: readonly ToolDefinition[]) {
    const relay = await startRelay({ model, ...(tools !== undefined && { tools }) }, { tokens: 40 });
    ({ client, emulator } = relay);
    return { client, url: new URL('/api/ui-chat', relay.url).href };
  }

  /** Asks as `useChat` does: the AI SDK's own transport sends the request and parses the stream, its reader builds the message. */
  async function askLikeUseChat(api: string, messages: UIMessage[]): Promise<UIMessage> {
    const transport = new DefaultChatTransport<UIMessage>({ api });
    const chunks = await transport.sendMessages({ chatId: 'chat-1', messages, trigger: 'submit-message', messageId: undefined, abortSignal: undefined });
    let last: UIMessage | undefined;
    for await (const message of readUIMessageStream<UIMessage>({ stream: chunks, terminateOnError: true })) last = message;
    if (last === undefined) throw new Error('the AI SDK reader built no message');
    return last;
  }

  /** The same question asked straight through the library: what the relay must reproduce. */
  async function askDirectly(model: string, messages: ChatMessage[], tools?: readonly ToolDefinition[]) {
    const events: ChatEvent[] = await lastValueFrom(client!.chat({ model, messages, ...(tools !== undefined && { tools }) }).pipe(toArray()));
    const join = (type: 'text' | 'reasoning') => events.flatMap((event) => (event.type === type ? [event.text] : [])).join('');
    const toolCalls = events.flatMap((event): ToolCall[] => (event.type === 'tool-call' ? [event.toolCall] : []));
    return { text: join('text'), reasoning: join('reasoning'), toolCalls, opcRequestIds: events.flatMap((event) => (event.type === 'start' ? [event.opcRequestId] : [])) };
  }

  const partsOf = (message: UIMessage, type: string) => message.parts.filter((part) => part.type === type) as Array<{ type: string; text: string; state?: string }>;

  it('gives the AI SDK reader the same text as the library, with the request id and usage as metadata', async () => {
    const model = 'meta.llama-3.3-70b-instruct';
    const { url } = await start(model);

    const message = await askLikeUseChat(url, [userMessage('Tell me a joke.')]);
    const direct = await askDirectly(model, [{ role: 'user', content: 'Tell me a joke.' }]);

    expect(message.role).toBe('assistant');
    const texts = partsOf(message, 'text');
    expect(texts).toHaveLength(1);
    expect(texts[0]?.text).toBe(direct.text);
    expect(texts[0]?.state).toBe('done');
    expect(direct.text).toMatch(/^Why/);
    const metadata = message.metadata as { opcRequestId?: string; usage?: { completionTokens?: number } } | undefined;
    expect(metadata?.opcRequestId).toMatch(/\S/);
    expect(metadata?.usage?.completionTokens).toBeGreaterThan(0);
  });

  it('gives reasoning and text as separate parts, as a reasoning model sends them', async () => {
    const model = 'xai.grok-3-mini-reasoning';
    const { url } = await start(model);

    const message = await askLikeUseChat(url, [userMessage('Why is the sky blue?')]);
    const direct = await askDirectly(model, [{ role: 'user', content: 'Why is the sky blue?' }]);

    expect(direct.reasoning).not.toBe('');
    expect(message.parts.map((part) => part.type).filter((type) => type !== 'step-start')).toEqual(['reasoning', 'text']);
    expect(partsOf(message, 'reasoning')[0]?.text).toBe(direct.reasoning);
    expect(partsOf(message, 'text')[0]?.text).toBe(direct.text);
  });

  it('gives tool calls with their parsed input, as the library assembles them', async () => {
    const model = 'meta.llama-3.3-70b-instruct';
    const { url } = await start(model, [getWeather]);
    const question = 'What is the weather? Use getWeather.';

    const message = await askLikeUseChat(url, [userMessage(question)]);
    const direct = await askDirectly(model, [{ role: 'user', content: question }], [getWeather]);

    expect(direct.toolCalls).toHaveLength(1);
    const calls = message.parts.filter((part) => part.type === 'tool-getWeather') as Array<{ toolCallId: string; state: string; input: unknown }>;
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ toolCallId: direct.toolCalls[0]?.id, state: 'input-available', input: JSON.parse(direct.toolCalls[0]!.arguments) as unknown });
    expect(typeof (calls[0]?.input as { city?: unknown }).city).toBe('string');
  });

  it('sends a conversation so far, text parts only, and answers its last message', async () => {
    const model = 'meta.llama-3.3-70b-instruct';
    const { url } = await start(model);
    const first = await askLikeUseChat(url, [userMessage('Tell me a joke.')]);

    const second = await askLikeUseChat(url, [userMessage('Tell me a joke.'), first, userMessage('Another one, please.')]);
    const direct = await askDirectly(model, [
      { role: 'user', content: 'Tell me a joke.' },
      { role: 'assistant', content: partsOf(first, 'text')[0]!.text },
      { role: 'user', content: 'Another one, please.' },
    ]);

    expect(partsOf(second, 'text')[0]?.text).toBe(direct.text);
  });

  it('ends a failed answer with an error part the AI SDK reader raises, naming the request id', async () => {
    const { url } = await start('meta.llama-3.3-70b-instruct');
    emulator!.setFault('status=429', { times: 1 });

    await expect(askLikeUseChat(url, [userMessage('Tell me a joke.')])).rejects.toThrow(/answered 429.*opc-request-id/);
  });

  it('sends the protocol header and ends with [DONE]', async () => {
    const { url } = await start('meta.llama-3.3-70b-instruct');

    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ messages: [userMessage('Hi.')] }) });
    const body = await response.text();

    expect(response.headers.get('x-vercel-ai-ui-message-stream')).toBe('v1');
    expect(body.trimEnd().split('\n\n').at(-1)).toBe('data: [DONE]');
  });
});
