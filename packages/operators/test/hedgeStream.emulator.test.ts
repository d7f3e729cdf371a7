import { collectText } from '@oci-genai-rx/core';
import { filter, firstValueFrom, map, reduce } from 'rxjs';
import type { ChatEvent } from '@oci-genai-rx/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hedgeStream } from '../src/hedgeStream.js';
import type { HedgeEvent } from '../src/hedgeStream.js';
import { startEmulatorClient } from './support/emulatorClient.js';
import type { EmulatorClient } from './support/emulatorClient.js';

let harness: EmulatorClient;
beforeAll(async () => {
  harness = await startEmulatorClient({ tokens: 12, ttftMs: 20 });
});
afterAll(() => harness.close());

const request = { model: 'meta.llama-3.3-70b-instruct', prompt: 'What is a river?' };

describe('hedgeStream against the emulator', () => {
  it('sends a hedge for a slow first token, shows the hedge\u2019s answer, and the loser\u2019s socket closes at once', async () => {
    const { client, emulator } = harness;
    const expected = await firstValueFrom(client.chat(request).pipe(collectText()));
    const before = { ...emulator.counters };
    emulator.setFault('ttft-ms=3000', { times: 1 }); // the original waits 3 s, the hedge does not

    const events: Array<ChatEvent | HedgeEvent> = [];
    let firstTokenAt = 0;
    let disconnectSeenAt = 0;
    const watch = setInterval(() => {
      if (disconnectSeenAt === 0 && emulator.counters.clientDisconnects > before.clientDisconnects) disconnectSeenAt = performance.now();
    }, 1);
    await new Promise<void>((resolve, reject) => {
      client.chat(request).pipe(hedgeStream({ afterMs: 100 })).subscribe({
        next: (event) => {
          if (firstTokenAt === 0 && event.type === 'text') firstTokenAt = performance.now();
          events.push(event);
        },
        error: reject,
        complete: resolve,
      });
    });
    // The loser's close may reach the server just after the winner completes.
    const deadline = performance.now() + 1_000;
    while (disconnectSeenAt === 0 && performance.now() < deadline) await new Promise((r) => setTimeout(r, 1));
    clearInterval(watch);

    expect(events[0]).toMatchObject({ type: 'hedge', winner: 1, attempts: 2 });
    expect(events.filter((e) => e.type === 'start')).toHaveLength(1);
    expect(events.flatMap((e) => (e.type === 'text' ? [e.text] : [])).join('')).toBe(expected);
    expect(emulator.counters.requests - before.requests).toBe(2);
    expect(disconnectSeenAt).toBeGreaterThan(0);
    expect(disconnectSeenAt - firstTokenAt).toBeLessThan(50);
  });

  it('sends no hedge when the first token is quick', async () => {
    const { client, emulator } = harness;
    const before = emulator.counters.requests;
    const text = await firstValueFrom(
      client.chat(request).pipe(
        hedgeStream({ afterMs: 1_000 }),
        filter((e) => e.type === 'text'),
        map((e) => e.text),
        reduce((all, t) => all + t, ''),
      ),
    );
    expect(text).not.toBe('');
    expect(emulator.counters.requests - before).toBe(1);
  });
});
