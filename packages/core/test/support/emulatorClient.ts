import type { Emulator, EmulatorOptions } from '@oci-genai-rx/emulator';
import { startEmulator } from '@oci-genai-rx/emulator';
import type { Observable } from 'rxjs';
import type { ChatEvent, ClientOptions, OciGenAiClient } from '../../src/index.js';
import { createClient } from '../../src/index.js';

/** An emulator and a client signed with the emulator's API key, for one test file. */
export interface Harness {
  readonly emulator: Emulator;
  readonly client: OciGenAiClient;
  close(): Promise<void>;
}

export async function startHarness(options: EmulatorOptions = {}, clientOptions: Partial<ClientOptions> = {}): Promise<Harness> {
  const emulator = await startEmulator(options);
  const client = createClient({ ...emulator.clientOptions(), finishGraceMs: 200, ...clientOptions });
  return {
    emulator,
    client,
    async close() {
      await client.close();
      await emulator.close();
    },
  };
}

/** All events of a stream, and the error it ended with (undefined when it completed). */
export function settle(stream: Observable<ChatEvent>): Promise<{ events: ChatEvent[]; error: unknown }> {
  return new Promise((resolve) => {
    const events: ChatEvent[] = [];
    stream.subscribe({
      next: (event) => events.push(event),
      error: (error: unknown) => resolve({ events, error }),
      complete: () => resolve({ events, error: undefined }),
    });
  });
}

/** The text of the text events. */
export function textOf(events: readonly ChatEvent[]): string {
  return events.map((e) => (e.type === 'text' ? e.text : '')).join('');
}

/** Resolves when `condition` holds, polling; rejects after `timeoutMs`. */
export async function eventually(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
