import type { IncomingMessage } from 'node:http';
import { RelayRefusal } from './guard/RelayRefusal.js';

/** The largest body read, in bytes: a long conversation fits, a flood does not. */
const MAX_BODY_BYTES = 256 * 1024;

/**
 * Reads a request body as JSON, up to 256 KiB.
 *
 * @param example What a good body looks like, for the 400 message.
 * @throws {RelayRefusal} 413 for a body over 256 KiB, 400 for one that is not JSON.
 * @example
 * await readJsonBody(req, '{"messages": [...]}'); // { messages: [...] }
 */
export async function readJsonBody(req: IncomingMessage, example: string): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new RelayRefusal(`The conversation is over ${MAX_BODY_BYTES} bytes; start a new one.`, { status: 413 });
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    throw new RelayRefusal(`The body must be JSON: ${example}.`, { status: 400 });
  }
}
