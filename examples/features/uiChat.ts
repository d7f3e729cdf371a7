import type { UIMessage } from 'ai';
import { DefaultChatTransport, readUIMessageStream } from 'ai';
import type { Connection } from '../common/connect.js';
import { startWebChatServer } from '../web-chat/startWebChatServer.js';

/**
 * The web chat relay's `/api/ui-chat` route, asked the way a `useChat` app asks it: the AI
 * SDK's own `DefaultChatTransport` sends the conversation and its `readUIMessageStream` builds
 * the assistant's message from the stream. The relay runs in this process, as
 * `pnpm web -- --allow-origin http://localhost:3000` with `WEB_CHAT_TOKEN` set runs it.
 *
 * @example
 * await uiChatExample(connection);
 * // relay: http://127.0.0.1:<port>/api/ui-chat
 * // …
 */
export async function uiChatExample({ client, model }: Connection): Promise<void> {
  const token = 'example-token'; // pnpm web reads it from WEB_CHAT_TOKEN (or --token)
  const relay = await startWebChatServer({ client, model, allowedOrigins: ['http://localhost:3000'], token });
  try {
    // What useChat({ transport }) does in the browser of an app served from http://localhost:3000:
    const transport = new DefaultChatTransport<UIMessage>({
      api: new URL('/api/ui-chat', relay.url).href,
      headers: { authorization: `Bearer ${token}`, origin: 'http://localhost:3000' }, // the browser sets Origin by itself
    });
    const question: UIMessage = { id: 'user-1', role: 'user', parts: [{ type: 'text', text: 'Tell me a joke.' }] };
    const stream = await transport.sendMessages({ chatId: 'chat-1', messages: [question], trigger: 'submit-message', messageId: undefined, abortSignal: undefined });
    let answer: UIMessage | undefined;
    for await (const message of readUIMessageStream<UIMessage>({ stream, terminateOnError: true })) answer = message;

    console.log(`${answer?.role ?? 'no'} message, parts:`);
    for (const part of answer?.parts ?? []) console.log(`  ${part.type}${part.type === 'text' ? ` (${part.state ?? ''}): ${JSON.stringify(part.text)}` : ''}`);
    // The relay's metadata: the answer's opc-request-id (new every request) and its token usage.
    console.log(`metadata: ${Object.keys(answer?.metadata ?? {}).join(', ')}`);
  } finally {
    await relay.close();
  }
}
