import { Agent, request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../src/index.js';
import { chatPath, genericChat, rawPost, waitUntil } from './support/client.js';
import { signedHeaders } from './support/signing.js';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ tokens: 5 });
});
afterAll(() => emulator.close());

/** A signed POST through a node:http agent; resolves with status and body. */
async function agentPost(agent: Agent, body: unknown): Promise<{ status: number; requestId: string; body: string }> {
  const text = JSON.stringify(body);
  const headers = await signedHeaders(emulator, chatPath, text);
  return new Promise((resolve, reject) => {
    const outgoing = request(`${emulator.url}${chatPath}`, { method: 'POST', headers, agent }, (response) => {
      let received = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (received += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, requestId: String(response.headers['opc-request-id']), body: received }));
    });
    outgoing.on('error', reject);
    outgoing.end(text);
  });
}

describe('connections and counters', () => {
  it('reuses one kept-alive connection for sequential requests, streaming or not', async () => {
    const fresh = await startEmulator({ tokens: 5 });
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const post = async (body: unknown): Promise<{ status: number; body: string }> => {
        const text = JSON.stringify(body);
        const headers = await signedHeaders(fresh, chatPath, text);
        return new Promise((resolve, reject) => {
          const outgoing = request(`${fresh.url}${chatPath}`, { method: 'POST', headers, agent }, (response) => {
            let received = '';
            response.on('data', (chunk: Buffer) => (received += chunk.toString()));
            response.on('end', () => resolve({ status: response.statusCode ?? 0, body: received }));
          });
          outgoing.on('error', reject);
          outgoing.end(text);
        });
      };
      for (const isStream of [false, true, false, true]) {
        expect((await post(genericChat(fresh, 'Hi', { isStream }))).status).toBe(200);
      }
      expect(fresh.counters.requests).toBe(4);
      expect(fresh.counters.connectionsAccepted).toBe(1);
      expect(fresh.counters.openConnections).toBe(1);
    } finally {
      agent.destroy();
      await fresh.close();
    }
  });

  it('counts a client that leaves mid-stream, stops its timers and returns openConnections to the baseline', async () => {
    await waitUntil(() => emulator.counters.openConnections === 0);
    const disconnectsBefore = emulator.counters.clientDisconnects;
    const connection = await rawPost(emulator, chatPath, genericChat(emulator, 'Hi', { isStream: true }), { 'x-emulator-tokens': '1000', 'x-emulator-token-interval-ms': '5' });
    await connection.waitFor((c) => c.response().body.toString().split('data: ').length > 3);
    expect(emulator.counters.openConnections).toBe(1);
    expect(emulator.counters.activeStreams).toBe(1);
    connection.destroy();
    await waitUntil(() => emulator.counters.openConnections === 0 && emulator.counters.activeStreams === 0);
    expect(emulator.counters.clientDisconnects).toBe(disconnectsBefore + 1);
    const sent = emulator.counters.deltasSent;
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(emulator.counters.deltasSent).toBe(sent);
  });

  it('does not count a completed response as a disconnect', async () => {
    const before = emulator.counters.clientDisconnects;
    const connection = await rawPost(emulator, chatPath, genericChat(emulator, 'Hi', { isStream: true }));
    await connection.waitFor((c) => c.response().complete);
    connection.destroy();
    await waitUntil(() => emulator.counters.openConnections === 0);
    expect(emulator.counters.clientDisconnects).toBe(before);
  });

  it('waits for the client to drain: a paused reader holds the stream back', async () => {
    // Without backpressure the whole answer would be generated into memory at once; with it,
    // generation stops once the socket buffers are full, far below 200,000 tokens (~22 MB).
    const connection = await rawPost(emulator, chatPath, genericChat(emulator, 'Hi', { isStream: true }), { 'x-emulator-tokens': '200000' });
    connection.socket.pause();
    const start = emulator.counters.deltasSent;
    let previous = -1;
    while (emulator.counters.deltasSent !== previous) {
      previous = emulator.counters.deltasSent;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(previous - start).toBeGreaterThan(0);
    expect(previous - start).toBeLessThan(200_000);
    connection.socket.resume();
    await connection.waitFor((c) => c.endsWith('\r\n0\r\n\r\n'), 15_000);
    expect(emulator.counters.deltasSent - start).toBe(200_000);
    connection.destroy();
  });
});

describe('close()', () => {
  it('destroys lingering and stalled streams and idle kept-alive sockets, then resolves', async () => {
    const closing = await startEmulator({ tokens: 3 });
    const lingering = await rawPost(closing, chatPath, genericChat(closing, 'Hi', { isStream: true }), { 'x-emulator-fault': 'linger' });
    const stalled = await rawPost(closing, chatPath, genericChat(closing, 'Hi', { isStream: true }), { 'x-emulator-fault': 'stall-after=1;keepalive=10' });
    await lingering.waitFor((c) => c.response().body.toString().endsWith('data: [DONE]\n\n'));
    await stalled.waitFor((c) => c.response().body.toString().includes(': keep-alive'));
    expect(closing.counters.openConnections).toBe(2);
    await closing.close();
    await lingering.waitForClose();
    await stalled.waitForClose();
    expect(closing.counters.openConnections).toBe(0);
    expect(closing.counters.activeStreams).toBe(0);
    expect(closing.counters.clientDisconnects).toBe(0);
  });
});

describe('a long answer', () => {
  it('streams 100,000 tokens to a fetch client', async () => {
    const text = JSON.stringify(genericChat(emulator, 'Go on', { isStream: true }));
    const headers = await signedHeaders(emulator, chatPath, text, { headers: { 'x-emulator-tokens': '100000' } });
    const response = await fetch(`${emulator.url}${chatPath}`, { method: 'POST', headers, body: text });
    const decoder = new TextDecoder();
    let tail = '';
    let events = 0;
    for await (const chunk of response.body ?? []) {
      const pieces = (tail + decoder.decode(chunk as Uint8Array, { stream: true })).split('\n\n');
      tail = pieces.pop() ?? '';
      events += pieces.length;
    }
    // empty first delta + 100,000 deltas + finish + [DONE]
    expect(events).toBe(100_003);
  });

  it('gives each response on a reused connection its own opc-request-id', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const first = await agentPost(agent, genericChat(emulator, 'Hi'));
      const second = await agentPost(agent, genericChat(emulator, 'Hi'));
      expect(first.requestId).toMatch(/^[0-9A-F]{32}$/);
      expect(second.requestId).toMatch(/^[0-9A-F]{32}$/);
      expect(second.requestId).not.toBe(first.requestId);
    } finally {
      agent.destroy();
    }
  });
});
