import { filter, firstValueFrom } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Harness } from './support/emulatorClient.js';
import { settle, startHarness } from './support/emulatorClient.js';

/**
 * Cancelling a streaming answer closes its connection, and costs no other: undici would open a
 * spare connection after each abort (see src/internal/requestSocket.ts), doubling the TLS
 * handshakes of every cancel against OCI. Counted at the emulator.
 */
describe('cancelled streams', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness({ tokens: 200 });
  });
  afterAll(() => harness.close());

  const model = 'meta.llama-3.3-70b-instruct';
  const slow = { 'x-emulator-fault': 'token-interval-ms=20' };

  it('cost at most one TCP connection each, N aborts in a row', async () => {
    const { emulator, client } = harness;
    const before = emulator.counters.connectionsAccepted;
    for (let i = 0; i < 10; i += 1) {
      // Unsubscribes at the first text event, while the answer still streams.
      await firstValueFrom(client.chat({ model, prompt: 'Hi', headers: slow }).pipe(filter((event) => event.type === 'text')));
      await new Promise((resolve) => setTimeout(resolve, 30));
    }
    expect(emulator.counters.connectionsAccepted - before).toBeLessThanOrEqual(10);
    expect(emulator.counters.clientDisconnects).toBeGreaterThanOrEqual(10);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(emulator.counters.activeStreams).toBe(0);
  });

  it('leave the connection of a finished answer in the pool for the next request', async () => {
    const { emulator, client } = harness;
    await settle(client.chat({ model, prompt: 'Hi', headers: { 'x-emulator-fault': 'tokens=3' } }));
    const before = emulator.counters.connectionsAccepted;
    for (let i = 0; i < 3; i += 1) {
      const { error } = await settle(client.chat({ model, prompt: 'Hi', headers: { 'x-emulator-fault': 'tokens=3' } }));
      expect(error).toBeUndefined();
    }
    expect(emulator.counters.connectionsAccepted - before).toBe(0);
  });
});
