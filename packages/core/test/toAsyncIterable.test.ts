import { setTimeout as sleep } from 'node:timers/promises';
import { concat, of, throwError } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toAsyncIterable, toText } from '../src/index.js';
import type { Harness } from './support/emulatorClient.js';
import { eventually, settle, startHarness, textOf } from './support/emulatorClient.js';

const model = 'meta.llama-3.3-70b-instruct';
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ tokens: 30 });
});
afterAll(() => h.close());

describe('toAsyncIterable', () => {
  it('gives every token of an answer in order, even when the loop body is slow', async () => {
    const expected = textOf((await settle(h.client.chat({ model, prompt: 'Tell me a joke.' }))).events);
    let text = '';
    for await (const token of toAsyncIterable(h.client.chat({ model, prompt: 'Tell me a joke.' }).pipe(toText()))) {
      text += token;
      await sleep(2); // slower than the emulator, which sends without delay: the rest waits in the buffer
    }
    expect(text).toBe(expected);
  });

  it('sends nothing until the loop starts', async () => {
    const before = h.emulator.counters.requests;
    const tokens = toAsyncIterable(h.client.chat({ model, prompt: 'Lazy' }).pipe(toText()));
    await sleep(50);
    expect(h.emulator.counters.requests).toBe(before);
    await tokens.next();
    expect(h.emulator.counters.requests).toBe(before + 1);
    await tokens.return?.();
  });

  it('aborts the request and closes the socket when the loop breaks early', async () => {
    const { clientDisconnects: disconnects, streamsCompleted: completed } = h.emulator.counters;
    const received: string[] = [];
    const slow = h.client.chat({ model, prompt: 'Tell me a long story.', headers: { 'x-emulator-token-interval-ms': '50' } });
    for await (const token of toAsyncIterable(slow.pipe(toText()))) {
      received.push(token);
      if (received.length === 3) break;
    }
    expect(received).toHaveLength(3);
    await eventually(() => h.emulator.counters.clientDisconnects === disconnects + 1 && h.emulator.counters.activeStreams === 0);
    expect(h.emulator.counters.streamsCompleted).toBe(completed); // 30 tokens at 50 ms: it was cut, not finished
  });

  it('delivers the values before an error, then throws it from the loop', async () => {
    const seen: number[] = [];
    const failing = concat(of(1, 2), throwError(() => new RangeError('boom')));
    await expect(async () => {
      for await (const value of toAsyncIterable(failing)) seen.push(value);
    }).rejects.toThrow(RangeError);
    expect(seen).toEqual([1, 2]);
  });
});
