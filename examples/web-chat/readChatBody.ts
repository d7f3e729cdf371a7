import type { IncomingMessage } from 'node:http';
import type { ChatMessage } from '@oci-genai-rx/core';

/** A chat request body the server refuses, with the HTTP status to answer. */
export class ChatBodyError extends Error {
  override readonly name = 'ChatBodyError';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The largest body read, in bytes: a long conversation fits, a flood does not. */
const MAX_BODY_BYTES = 256 * 1024;

/**
 * Reads the page's `POST /api/chat` body: `{ "messages": [{ "role": "user" | "assistant", "content": "…" }, …] }`,
 * the conversation so far ending with the user's new message. Roles are limited to these two so
 * that a page cannot slip in a system prompt.
 *
 * @throws {ChatBodyError} 413 for a body over 256 KiB, 400 for anything else wrong.
 * @example
 * await readChatBody(req); // [{ role: 'user', content: 'Tell me a joke.' }]
 */
export async function readChatBody(req: IncomingMessage): Promise<ChatMessage[]> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new ChatBodyError(413, `The conversation is over ${MAX_BODY_BYTES} bytes; start a new one.`);
    chunks.push(chunk);
  }
  let body: unknown;
  try {
    body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new ChatBodyError(400, 'The body must be JSON: {"messages": [{"role": "user", "content": "…"}]}.');
  }
  const messages = (body as { messages?: unknown } | null)?.messages;
  if (!Array.isArray(messages) || messages.length === 0 || !messages.every(isMessage)) {
    throw new ChatBodyError(400, '"messages" must be a non-empty list of {"role": "user" | "assistant", "content": "…"}.');
  }
  const last = messages.at(-1);
  if (last?.role !== 'user' || last.content.trim() === '') throw new ChatBodyError(400, 'The last message must be the user\'s, and not empty.');
  return messages.map(({ role, content }) => ({ role, content }));
}

function isMessage(value: unknown): value is { role: 'user' | 'assistant'; content: string } {
  const message = value as { role?: unknown; content?: unknown } | null;
  return typeof message === 'object' && message !== null && (message.role === 'user' || message.role === 'assistant') && typeof message.content === 'string';
}
