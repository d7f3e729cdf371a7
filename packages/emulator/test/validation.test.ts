import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../src/index.js';
import { chatPath, cohereChat, genericChat, post, postJson } from './support/client.js';
import { RawConnection, requestBytes } from './support/rawHttp.js';
import { signedHeaders } from './support/signing.js';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ tokens: 3, maxBodyBytes: 2048 });
});
afterAll(() => emulator.close());

async function errorFor(body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: Record<string, unknown>; requestId: string | null }> {
  const { status, json, headers: responseHeaders } = await postJson(emulator, chatPath, body, headers);
  return { status, json, requestId: responseHeaders.get('opc-request-id') };
}

describe('request validation', () => {
  it('answers malformed JSON with 400 CannotParseRequest', async () => {
    const { status, json, requestId } = await errorFor('{"compartmentId": ');
    expect(status).toBe(400);
    expect(json).toEqual({ code: 'CannotParseRequest', message: 'The request body is not valid JSON.' });
    expect(requestId).toMatch(/^[0-9A-F]{32}$/);
  });

  it.each([
    ['compartmentId', 'The request body has no compartmentId.'],
    ['servingMode', 'The request body has no servingMode.'],
    ['chatRequest', 'The request has no chatRequest.'],
  ])('answers a missing %s with 400 MissingParameter', async (key, message) => {
    const body = genericChat(emulator, 'Hi');
    delete body[key];
    expect(await errorFor(body)).toMatchObject({ status: 400, json: { code: 'MissingParameter', message } });
  });

  it.each([
    ['an unknown apiFormat', { apiFormat: 'CLAUDE' }, 'chatRequest.apiFormat must be GENERIC, COHERE or COHEREV2'],
    ['messages that are not an array', { messages: 'Hi' }, 'chatRequest.messages must be an array.'],
    ['empty messages', { messages: [] }, 'chatRequest.messages must not be empty.'],
    ['maxTokens that is not a number', { maxTokens: '100' }, 'chatRequest.maxTokens must be a number.'],
    ['maxTokens of 0', { maxTokens: 0 }, 'chatRequest.maxTokens must be a whole number of at least 1.'],
    ['temperature that is not a number', { temperature: 'warm' }, 'chatRequest.temperature must be a number.'],
    ['isStream that is not a boolean', { isStream: 'yes' }, 'chatRequest.isStream must be true or false.'],
    ['a COHERE role in GENERIC', { messages: [{ role: 'CHATBOT', content: [{ type: 'TEXT', text: 'Hi' }] }] }, 'chatRequest.messages[0].role must be one of USER, ASSISTANT, SYSTEM, DEVELOPER, TOOL'],
    ['no user message', { messages: [{ role: 'SYSTEM', content: [{ type: 'TEXT', text: 'Hi' }] }] }, 'needs at least one USER message'],
    ['content that is a string', { messages: [{ role: 'USER', content: 'Hi' }] }, 'chatRequest.messages[0].content must be an array.'],
  ])('answers %s with 400 InvalidParameter', async (_name, chatRequest, message) => {
    const { status, json } = await errorFor(genericChat(emulator, 'Hi', chatRequest));
    expect(status).toBe(400);
    expect(json['code']).toBe('InvalidParameter');
    expect(json['message']).toContain(message);
  });

  it('answers a GENERIC role in COHERE chatHistory with 400 InvalidParameter', async () => {
    const { status, json } = await errorFor(cohereChat(emulator, 'Hi', { chatHistory: [{ role: 'ASSISTANT', message: 'Hello' }] }));
    expect(status).toBe(400);
    expect(json['message']).toContain('chatRequest.chatHistory[0].role must be one of USER, CHATBOT, SYSTEM, TOOL');
  });

  it('answers an empty COHERE message with 400 InvalidParameter', async () => {
    expect((await errorFor(cohereChat(emulator, ''))).json).toEqual({ code: 'InvalidParameter', message: 'chatRequest.message must be a non-empty string.' });
  });

  it('answers an unknown path with 404 NotFound and a wrong method with 405', async () => {
    const notFound = await post(emulator, '/20231130/actions/summarize', {});
    expect(notFound.status).toBe(404);
    expect(await notFound.json()).toMatchObject({ code: 'NotFound' });
    const wrongMethod = await fetch(`${emulator.url}${chatPath}`);
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('POST');
    expect(wrongMethod.headers.get('opc-request-id')).toMatch(/^[0-9A-F]{32}$/);
  });

  it('answers a bad x-emulator header with 400 naming it', async () => {
    expect((await errorFor(genericChat(emulator, 'Hi'), { 'x-emulator-tokens': 'lots' })).json).toEqual({ code: 'InvalidParameter', message: 'x-emulator-tokens must be a whole number.' });
    expect((await errorFor(genericChat(emulator, 'Hi'), { 'x-emulator-lang': 'fr' })).json['message']).toBe('x-emulator-lang must be en or ja.');
  });

  it('answers an unknown fault with 400 naming the item', async () => {
    const { status, json } = await errorFor(genericChat(emulator, 'Hi'), { 'x-emulator-fault': 'linger;stal-after=2' });
    expect(status).toBe(400);
    expect(json['message']).toMatch(/^Unknown fault "stal-after=2"/);
  });

  it('survives garbage that is not HTTP', async () => {
    const connection = await RawConnection.open(emulator.url);
    connection.send('HELLO THERE\r\n\r\n');
    await connection.waitForClose();
    expect(connection.bytes().toString()).toMatch(/^HTTP\/1\.1 400/);
    expect((await postJson(emulator, chatPath, genericChat(emulator, 'still alive?'))).status).toBe(200);
  });
});

describe('the body size limit', () => {
  it('answers a declared oversize body with 413 LimitExceeded before it is sent', async () => {
    const text = JSON.stringify(genericChat(emulator, 'x'.repeat(5000)));
    const headers = await signedHeaders(emulator, chatPath, text);
    const connection = await RawConnection.open(emulator.url);
    // Only the head goes out: the answer must come without waiting for the body.
    connection.send(requestBytes('POST', chatPath, headers));
    await connection.waitForClose();
    const response = connection.response();
    expect(response.status).toBe(413);
    expect(response.headers['connection']).toBe('close');
    expect(JSON.parse(response.body.toString())).toEqual({ code: 'LimitExceeded', message: 'The request body is larger than the limit of 2048 bytes.' });
  });

  it('stops reading a chunked body once it passes the limit', async () => {
    const connection = await RawConnection.open(emulator.url);
    const host = new URL(emulator.url).host;
    connection.send(requestBytes('POST', chatPath, { host, 'content-type': 'application/json', 'transfer-encoding': 'chunked' }));
    connection.send(`bb8\r\n${'x'.repeat(3000)}\r\n`);
    await connection.waitForClose();
    expect(connection.response().status).toBe(413);
  });

  it('accepts a body just under the limit', async () => {
    const body = genericChat(emulator, 'x');
    const padding = 2048 - JSON.stringify(body).length;
    const text = JSON.stringify(genericChat(emulator, 'x'.repeat(padding + 1)));
    expect(Buffer.byteLength(text)).toBe(2048);
    const headers = await signedHeaders(emulator, chatPath, text);
    expect((await fetch(`${emulator.url}${chatPath}`, { method: 'POST', headers, body: text })).status).toBe(200);
  });
});
