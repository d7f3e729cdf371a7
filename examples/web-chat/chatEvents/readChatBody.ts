import type { IncomingMessage } from 'node:http';
import type { ChatMessage } from '@oci-genai-rx/core';
import { RelayRefusal } from '../guard/RelayRefusal.js';
import { readJsonBody } from '../readJsonBody.js';

/**
 * Reads the page's `POST /api/chat` body: `{ "messages": [{ "role": "user" | "assistant", "content": "…" }, …] }`,
 * the conversation so far ending with the user's new message. Roles are limited to these two so
 * that a page cannot slip in a system prompt.
 *
 * @throws {RelayRefusal} 413 for a body over 256 KiB, 400 for anything else wrong.
 * @example
 * await readChatBody(req); // [{ role: 'user', content: 'Tell me a joke.' }]
 */
export async function readChatBody(req: IncomingMessage): Promise<ChatMessage[]> {
  const body = await readJsonBody(req, '{"messages": [{"role": "user", "content": "…"}]}');
  const messages = (body as { messages?: unknown } | null)?.messages;
  if (!Array.isArray(messages) || messages.length === 0 || !messages.every(isMessage)) {
    throw new RelayRefusal('"messages" must be a non-empty list of {"role": "user" | "assistant", "content": "…"}.', { status: 400 });
  }
  const last = messages.at(-1);
  if (last?.role !== 'user' || last.content.trim() === '') throw new RelayRefusal('The last message must be the user\'s, and not empty.', { status: 400 });
  return messages.map(({ role, content }) => ({ role, content }));
}

function isMessage(value: unknown): value is { role: 'user' | 'assistant'; content: string } {
  const message = value as { role?: unknown; content?: unknown } | null;
  return typeof message === 'object' && message !== null && (message.role === 'user' || message.role === 'assistant') && typeof message.content === 'string';
}
