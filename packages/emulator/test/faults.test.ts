import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../src/index.js';
import { chatPath, genericChat, post, postJson, rawExchange, rawPost, fault, textDeltas } from './support/client.js';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ tokens: 10 });
});
afterEach(() => emulator.setFault(undefined));
afterAll(() => emulator.close());

const stream = (prompt = 'Hi', modelId = 'meta.llama-3.3-70b-instruct'): Record<string, unknown> => genericChat(emulator, prompt, { isStream: true }, modelId);

describe('error faults', () => {
  it.each([
    [429, 'TooManyRequests'],
    [500, 'InternalServerError'],
    [503, 'ServiceUnavailable'],
    [400, 'InvalidParameter'],
    [401, 'NotAuthenticated'],
    [404, 'NotAuthorizedOrNotFound'],
    [409, 'IncorrectState'],
  ])('status=%i answers with that status and OCI code', async (status, code) => {
    const response = await postJson(emulator, chatPath, stream(), fault(`status=${status}`));
    expect(response.status).toBe(status);
    expect(response.json['code']).toBe(code);
    expect(response.headers.get('retry-after')).toBeNull();
  });

  it('retry-after adds the Retry-After header, in seconds or as an HTTP date', async () => {
    expect((await post(emulator, chatPath, stream(), fault('status=429;retry-after=2'))).headers.get('retry-after')).toBe('2');
    const date = 'Wed, 21 Oct 2037 07:28:00 GMT';
    expect((await post(emulator, chatPath, stream(), fault(`status=503; retry-after=${date}`))).headers.get('retry-after')).toBe(date);
  });

  it('non-json-error sends an HTML proxy page instead of JSON', async () => {
    const response = await post(emulator, chatPath, stream(), fault('status=502;non-json-error'));
    expect(response.status).toBe(502);
    expect(response.headers.get('content-type')).toBe('text/html');
    expect(await response.text()).toMatch(/^<html>/);
  });

  it('redirect answers 307 with a Location on another host', async () => {
    const response = await rawExchange(emulator, chatPath, stream(), fault('redirect'));
    expect(response.status).toBe(307);
    const location = new URL(response.headers['location'] ?? '');
    expect(location.host).not.toBe(new URL(emulator.url).host);
    expect(location.pathname).toBe(chatPath);
  });

  it('counts every request that got a fault', async () => {
    const before = emulator.counters.faultsServed;
    await post(emulator, chatPath, stream(), fault('status=500'));
    await post(emulator, chatPath, stream());
    expect(emulator.counters.faultsServed).toBe(before + 1);
  });
});

describe('setFault and the faults option', () => {
  it('applies setFault to the next `times` requests only', async () => {
    emulator.setFault('status=503', { times: 2 });
    const statuses = [];
    for (let index = 0; index < 3; index += 1) statuses.push((await post(emulator, chatPath, genericChat(emulator, 'Hi'))).status);
    expect(statuses).toEqual([503, 503, 200]);
  });

  it('lets the request header win over setFault', async () => {
    emulator.setFault('status=503');
    expect((await post(emulator, chatPath, genericChat(emulator, 'Hi'), fault('tokens=2'))).status).toBe(200);
    expect((await post(emulator, chatPath, genericChat(emulator, 'Hi'))).status).toBe(503);
  });

  it('throws on an unknown fault name in setFault', () => {
    expect(() => emulator.setFault('stal-after=3')).toThrow(/Unknown fault "stal-after=3"/);
  });

  it('applies the faults option to every request', async () => {
    const other = await startEmulator({ faults: 'tokens=2;done=off' });
    try {
      const response = await rawExchange(other, chatPath, genericChat(other, 'Hi', { isStream: true }));
      expect(textDeltas(response.body)).toHaveLength(2);
      expect(response.body.toString()).not.toContain('[DONE]');
      expect(other.counters.faultsServed).toBe(1);
    } finally {
      await other.close();
    }
  });
});
describe('faults without a stream', () => {
  it('disconnect-after closes the connection without an answer', async () => {
    const connection = await rawPost(emulator, chatPath, genericChat(emulator, 'Hi'), fault('disconnect-after=0'));
    await connection.waitForClose();
    expect(connection.bytes().length).toBe(0);
  });

  it('stall-after holds the answer back, the connection open', async () => {
    const connection = await rawPost(emulator, chatPath, genericChat(emulator, 'Hi'), fault('stall-after=0'));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(connection.closed).toBe(false);
    expect(connection.bytes().length).toBe(0);
    connection.destroy();
  });

  it('chunk-bytes still delivers the whole JSON body', async () => {
    const response = await rawExchange(emulator, chatPath, genericChat(emulator, 'Hi'), fault('chunk-bytes=1'));
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body.toString())).toHaveProperty('chatResponse');
  });
});
