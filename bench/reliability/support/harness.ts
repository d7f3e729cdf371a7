import type { ChatEvent, ClientOptions, OciGenAiClient } from '@oci-genai-rx/core';
import { createClient } from '@oci-genai-rx/core';
import type { Emulator } from '@oci-genai-rx/emulator';
import type { Observable } from 'rxjs';

/**
 * How much later than its rate limiter counted it a request may reach the emulator: signing,
 * opening a connection, a loaded event loop (measured up to ~190 ms on a busy 2-core machine).
 * Windows of requests counted at the server are `intervalMs - ARRIVAL_JITTER_MS` long.
 */
export const ARRIVAL_JITTER_MS = 400;

/** A client signed with the emulator's API key. */
export function clientFor(emulator: Emulator, options: Partial<ClientOptions> = {}): OciGenAiClient {
  const { credentials } = emulator;
  return createClient({
    endpoint: emulator.url,
    compartmentId: credentials.compartmentId,
    auth: { type: 'api-key', tenancy: credentials.tenancy, user: credentials.user, fingerprint: credentials.fingerprint, privateKey: credentials.privateKeyPem },
    finishGraceMs: 100,
    ...options,
  });
}

/** Every value of a stream, and the error it ended with (undefined when it completed). */
export interface Settled<T> {
  readonly values: T[];
  readonly error: unknown;
  readonly completed: boolean;
}

/** Subscribes and resolves when the stream completes or errors. */
export function settle<T>(stream: Observable<T>): Promise<Settled<T>> {
  return new Promise((resolve) => {
    const values: T[] = [];
    stream.subscribe({
      next: (value) => values.push(value),
      error: (error: unknown) => resolve({ values, error, completed: false }),
      complete: () => resolve({ values, error: undefined, completed: true }),
    });
  });
}

/** The text of `text` events (or of strings), in order. */
export function textOf(values: readonly unknown[]): string {
  return values.map((value) => (typeof value === 'string' ? value : (value as ChatEvent).type === 'text' ? (value as { text: string }).text : '')).join('');
}

/** The `text` events' texts, one entry per event. */
export function tokensOf(values: readonly unknown[]): string[] {
  return values.filter((value): value is ChatEvent & { type: 'text' } => (value as ChatEvent).type === 'text').map((event) => event.text);
}

/** Resolves when `condition` holds, polling every 10 ms; rejects with `what` after `timeoutMs`. */
export async function eventually(condition: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * Closes the client and checks the emulator is left clean: no stream still running on the
 * server (a stalled or lingering stream must have been released by the client), then no open
 * connection once the client's pool is closed.
 */
export async function expectNoLeftovers(emulator: Emulator, client: OciGenAiClient): Promise<void> {
  await eventually(() => emulator.counters.activeStreams === 0, `emulator activeStreams back to 0 (is ${emulator.counters.activeStreams})`);
  await client.close();
  await eventually(() => emulator.counters.openConnections === 0, `emulator openConnections back to 0 (is ${emulator.counters.openConnections})`);
}
