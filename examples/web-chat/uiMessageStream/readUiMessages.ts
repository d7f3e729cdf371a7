import type { IncomingMessage } from 'node:http';
import type { ChatMessage } from '@oci-genai-rx/core';
import { RelayRefusal } from '../guard/RelayRefusal.js';
import { readJsonBody } from '../readJsonBody.js';

/**
 * Reads the body `useChat` sends (its `DefaultChatTransport`): `{ id, messages, trigger, … }`
 * where each message is a UI message, `{ id, role, parts: [{ type: 'text', text }, …] }`.
 * A message's text parts, joined, are its content; other parts (reasoning, tool calls, files)
 * are not sent to the model, and an assistant message with no text is left out. Roles are
 * limited to user and assistant, as on `/api/chat`, so that a page cannot slip in a system prompt.
 *
 * @throws {RelayRefusal} 413 for a body over 256 KiB, 400 for anything else wrong.
 * @example
 * await readUiMessages(req); // [{ role: 'user', content: 'Tell me a joke.' }]
 */
export async function readUiMessages(req: IncomingMessage): Promise<ChatMessage[]> {
  const body = await readJsonBody(req, '{"messages": [{"id": "…", "role": "user", "parts": [{"type": "text", "text": "…"}]}]}');
  const messages = (body as { messages?: unknown } | null)?.messages;
  if (!Array.isArray(messages) || messages.length === 0 || !messages.every(isUiMessage)) {
    throw new RelayRefusal('"messages" must be a non-empty list of UI messages: {"role": "user" | "assistant", "parts": [{"type": "text", "text": "…"}]}.', { status: 400 });
  }
  const conversation = messages
    .map(({ role, parts }) => ({ role, content: parts.flatMap((part) => (part.type === 'text' && typeof part.text === 'string' ? [part.text] : [])).join('') }))
    .filter((message) => message.role === 'user' || message.content !== '');
  const last = conversation.at(-1);
  if (last?.role !== 'user' || last.content.trim() === '') throw new RelayRefusal('The last message must be the user\'s, with some text.', { status: 400 });
  return conversation;
}

interface UiMessage {
  readonly role: 'user' | 'assistant';
  readonly parts: ReadonlyArray<{ readonly type?: unknown; readonly text?: unknown }>;
}

function isUiMessage(value: unknown): value is UiMessage {
  const message = value as { role?: unknown; parts?: unknown } | null;
  return (
    typeof message === 'object' &&
    message !== null &&
    (message.role === 'user' || message.role === 'assistant') &&
    Array.isArray(message.parts) &&
    message.parts.every((part) => typeof part === 'object' && part !== null)
  );
}
