import type { Emulator } from '../../src/index.js';
import { RawConnection, requestBytes, type RawResponse } from './rawHttp.js';
import { signedHeaders } from './signing.js';

export const chatPath = '/20231130/actions/chat';
export const generateTextPath = '/20231130/actions/generateText';
export const openAiPath = '/openai/v1/chat/completions';

/** A GENERIC chat body for `prompt`. */
export function genericChat(emulator: Emulator, prompt: string, chatRequest: Record<string, unknown> = {}, modelId = 'meta.llama-3.3-70b-instruct'): Record<string, unknown> {
  return {
    compartmentId: emulator.credentials.compartmentId,
    servingMode: { servingType: 'ON_DEMAND', modelId },
    chatRequest: { apiFormat: 'GENERIC', messages: [{ role: 'USER', content: [{ type: 'TEXT', text: prompt }] }], ...chatRequest },
  };
}

/** A COHERE chat body for `message`. */
export function cohereChat(emulator: Emulator, message: string, chatRequest: Record<string, unknown> = {}, modelId = 'cohere.command-r-plus-08-2024'): Record<string, unknown> {
  return {
    compartmentId: emulator.credentials.compartmentId,
    servingMode: { servingType: 'ON_DEMAND', modelId },
    chatRequest: { apiFormat: 'COHERE', message, ...chatRequest },
  };
}

/** A COHEREV2 chat body for `prompt`. */
export function cohereV2Chat(emulator: Emulator, prompt: string, chatRequest: Record<string, unknown> = {}, modelId = 'cohere.command-a-03-2025'): Record<string, unknown> {
  return {
    compartmentId: emulator.credentials.compartmentId,
    servingMode: { servingType: 'ON_DEMAND', modelId },
    chatRequest: { apiFormat: 'COHEREV2', messages: [{ role: 'USER', content: [{ type: 'TEXT', text: prompt }] }], ...chatRequest },
  };
}

/** A signed POST through fetch. */
export async function post(emulator: Emulator, path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const signed = await signedHeaders(emulator, path, text, { headers });
  return fetch(`${emulator.url}${path}`, { method: 'POST', headers: signed, body: text });
}

/** A signed POST; returns its JSON body and status. */
export async function postJson(emulator: Emulator, path: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: Record<string, unknown>; headers: Headers }> {
  const response = await post(emulator, path, body, headers);
  return { status: response.status, json: (await response.json()) as Record<string, unknown>, headers: response.headers };
}

/** Opens a raw connection and sends a signed POST on it (Connection: close unless `keepAlive`). */
export async function rawPost(emulator: Emulator, path: string, body: unknown, headers: Record<string, string> = {}): Promise<RawConnection> {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const signed = await signedHeaders(emulator, path, text, { headers });
  const connection = await RawConnection.open(emulator.url);
  connection.send(requestBytes('POST', path, signed, text));
  return connection;
}

/** Sends a signed POST on a raw connection and waits for the server to end the response. */
export async function rawExchange(emulator: Emulator, path: string, body: unknown, headers: Record<string, string> = {}): Promise<RawResponse> {
  const connection = await rawPost(emulator, path, body, headers);
  await connection.waitFor((c) => c.response().complete || c.closed);
  connection.destroy();
  return connection.response();
}

/** The `data:` payloads of an LF-framed SSE body. */
export function dataLines(body: Buffer | string): string[] {
  const text = typeof body === 'string' ? body : body.toString('utf8');
  return text
    .split('\n')
    .filter((line) => line.startsWith('data: '))
    .map((line) => line.slice('data: '.length));
}

/** The parsed JSON events of an SSE body, `[DONE]` left out. */
export function events(body: Buffer | string): Array<Record<string, unknown>> {
  return dataLines(body)
    .filter((data) => data !== '[DONE]')
    .map((data) => JSON.parse(data) as Record<string, unknown>);
}

/** Polls `condition` every few milliseconds until it holds (fails after `timeoutMs`). */
export async function waitUntil(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('waitUntil: condition still false');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** The `x-emulator-fault` header for a fault spec, with any other headers. */
export const fault = (spec: string, extra: Record<string, string> = {}): Record<string, string> => ({ 'x-emulator-fault': spec, ...extra });

/** The non-empty text deltas of a GENERIC stream body. */
export const textDeltas = (body: Buffer | string): string[] =>
  events(body)
    .filter((event) => 'index' in event)
    .map((event) => (event['message'] as { content: Array<{ text: string }> }).content[0]?.text ?? '')
    .filter((text) => text !== '');
