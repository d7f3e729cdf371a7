import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../src/index.js';
import { chatPath, cohereChat, dataLines, genericChat, rawExchange, rawPost, waitUntil, fault, textDeltas } from './support/client.js';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ tokens: 10 });
});
afterEach(() => emulator.setFault(undefined));
afterAll(() => emulator.close());

const stream = (prompt = 'Hi', modelId = 'meta.llama-3.3-70b-instruct'): Record<string, unknown> => genericChat(emulator, prompt, { isStream: true }, modelId);

describe('stream faults on the wire', () => {
  it('disconnect-after=N destroys the socket after N text deltas, without a finish event', async () => {
    const connection = await rawPost(emulator, chatPath, stream(), fault('disconnect-after=3'));
    await connection.waitForClose();
    const response = connection.response();
    expect(response.status).toBe(200);
    expect(response.complete).toBe(false);
    expect(textDeltas(response.body)).toHaveLength(3);
    expect(response.body.toString()).not.toContain('finishReason');
  });

  it('stall-after=N sends N deltas, then nothing, keeping the connection open', async () => {
    const connection = await rawPost(emulator, chatPath, stream(), fault('stall-after=2'));
    await connection.waitFor((c) => textDeltas(c.response().body).length === 2);
    const received = connection.bytes().length;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(connection.closed).toBe(false);
    expect(connection.bytes().length).toBe(received);
    expect(emulator.counters.activeStreams).toBeGreaterThanOrEqual(1);
    connection.destroy();
  });

  it('keepalive=MS sends comment lines during the time to first token and during a stall', async () => {
    const connection = await rawPost(emulator, chatPath, stream(), fault('keepalive=10;ttft-ms=80;stall-after=1'));
    await connection.waitFor((c) => /data: .*\n\n(: keep-alive\n\n)+/.test(c.response().body.toString()));
    const body = connection.response().body.toString();
    expect(body.indexOf(': keep-alive\n\n')).toBeLessThan(body.indexOf('data: '));
    connection.destroy();
  });

  it.each([
    ['crlf', '\r\n'],
    ['cr', '\r'],
  ])('line-ending=%s frames every event with that line ending', async (name, ending) => {
    const body = (await rawExchange(emulator, chatPath, stream(), fault(`line-ending=${name}`))).body.toString();
    const frames = body.split(ending + ending).filter(Boolean);
    expect(frames.length).toBe(13);
    expect(frames.every((frame) => frame.startsWith('data: ') && !frame.includes('\n') && !frame.includes('\r'))).toBe(true);
    expect(body.endsWith(`data: [DONE]${ending}${ending}`)).toBe(true);
  });

  it('events-per-write=N puts N events in each write', async () => {
    const response = await rawExchange(emulator, chatPath, stream(), fault('events-per-write=4;token-interval-ms=1'));
    const counts = response.chunks.map((chunk) => dataLines(chunk).length);
    expect(counts).toEqual([4, 4, 4, 1]);
  });

  it('writes one event per write when tokens are paced', async () => {
    const response = await rawExchange(emulator, chatPath, stream(), fault('token-interval-ms=1'));
    expect(response.chunks.map((chunk) => dataLines(chunk).length)).toEqual(new Array<number>(13).fill(1));
  });

  it('chunk-bytes=N cuts the byte stream into N-byte writes, the bytes unchanged', async () => {
    const plain = await rawExchange(emulator, chatPath, stream('same'));
    const cut = await rawExchange(emulator, chatPath, stream('same'), fault('chunk-bytes=7'));
    expect(cut.body.equals(plain.body)).toBe(true);
    expect(cut.chunks.slice(0, -1).every((chunk) => chunk.length === 7)).toBe(true);
    const single = await rawExchange(emulator, chatPath, stream('same'), fault('chunk-bytes=1'));
    expect(single.chunks.every((chunk) => chunk.length === 1)).toBe(true);
    expect(single.body.equals(plain.body)).toBe(true);
  });

  it('split-utf8 ends writes inside multi-byte characters (Japanese)', async () => {
    const endsInsideCharacter = (chunk: Buffer): boolean => {
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(chunk);
        return false;
      } catch {
        return true;
      }
    };
    const headers = { 'x-emulator-lang': 'ja' };
    const plain = await rawExchange(emulator, chatPath, stream('日本'), { ...headers, ...fault('token-interval-ms=1') });
    expect(plain.chunks.some(endsInsideCharacter)).toBe(false);
    const split = await rawExchange(emulator, chatPath, stream('日本'), { ...headers, ...fault('token-interval-ms=1;split-utf8') });
    expect(split.chunks.filter(endsInsideCharacter).length).toBeGreaterThanOrEqual(10);
    expect(split.body.equals(plain.body)).toBe(true);
    expect(new TextDecoder('utf-8', { fatal: true }).decode(split.body)).toContain('。');
  });

  it('no-final-newline leaves the last event without its newline and blank line', async () => {
    const meta = (await rawExchange(emulator, chatPath, stream(), fault('no-final-newline'))).body.toString();
    expect(meta.endsWith('}\n\ndata: [DONE]')).toBe(true);
    const xai = (await rawExchange(emulator, chatPath, stream('Hi', 'xai.grok-4'), fault('no-final-newline'))).body.toString();
    expect(xai).toMatch(/"finishReason":"stop","pad":"a+"}$/);
  });

  it('done=off omits [DONE] for Meta, done=on adds it for others and for COHERE', async () => {
    expect((await rawExchange(emulator, chatPath, stream(), fault('done=off'))).body.toString()).not.toContain('[DONE]');
    expect(dataLines((await rawExchange(emulator, chatPath, stream('Hi', 'xai.grok-4'), fault('done=on'))).body).at(-1)).toBe('[DONE]');
    const cohere = await rawExchange(emulator, chatPath, cohereChat(emulator, 'Hi', { isStream: true }), fault('done=on'));
    expect(dataLines(cohere.body).at(-1)).toBe('[DONE]');
  });

  it('linger keeps the connection open after [DONE] until the client closes it', async () => {
    const before = emulator.counters.streamsCompleted;
    const connection = await rawPost(emulator, chatPath, stream(), fault('linger'));
    await connection.waitFor((c) => c.response().body.toString().endsWith('data: [DONE]\n\n'));
    await waitUntil(() => emulator.counters.streamsCompleted === before + 1);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(connection.closed).toBe(false);
    expect(connection.response().complete).toBe(false);
    connection.destroy();
  });

  it('garbage-after=N sends a non-JSON frame after N deltas, then goes on to the finish', async () => {
    const lines = dataLines((await rawExchange(emulator, chatPath, stream(), fault('garbage-after=2'))).body);
    expect(lines[3]).toBe('<html>oops</html>');
    expect(lines.filter((line) => line.startsWith('<')).length).toBe(1);
    expect(lines.at(-2)).toContain('"finishReason":"stop"');
  });

  it('tokens=N and the x-emulator-tokens header set the length; the header wins', async () => {
    expect(textDeltas((await rawExchange(emulator, chatPath, stream(), fault('tokens=4'))).body)).toHaveLength(4);
    expect(textDeltas((await rawExchange(emulator, chatPath, stream(), fault('tokens=4', { 'x-emulator-tokens': '6' }))).body)).toHaveLength(6);
  });

  it('the x-emulator-ttft-ms header wins over the ttft-ms fault', async () => {
    const started = performance.now();
    const response = await rawExchange(emulator, chatPath, stream(), fault('ttft-ms=5000', { 'x-emulator-ttft-ms': '0' }));
    expect(response.complete).toBe(true);
    expect(performance.now() - started).toBeLessThan(4000);
  });

  it('ttft-ms delays the first event and token-interval-ms spaces the tokens', async () => {
    const started = performance.now();
    const connection = await rawPost(emulator, chatPath, stream(), fault('ttft-ms=60;token-interval-ms=15;tokens=4'));
    await connection.waitFor((c) => c.response().body.includes('data: '));
    const firstData = performance.now() - started;
    await connection.waitFor((c) => c.response().complete);
    const total = performance.now() - started;
    connection.destroy();
    expect(firstData).toBeGreaterThanOrEqual(55);
    expect(total - firstData).toBeGreaterThanOrEqual(40);
  });
});
