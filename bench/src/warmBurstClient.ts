import type { OciGenAiClient } from '@oci-genai-rx/core';
import { benchModel } from './contenders/Contender.js';
import { createBenchClient } from './contenders/createBenchClient.js';
import type { EmulatorTarget } from './startEmulatorProcess.js';

/**
 * A fresh client for a burst of `streams` streams (a connection for each, and some to spare),
 * with its whole path loaded and compiled by three streams. `signingSliceMs` as in
 * `createClient`; `undefined` keeps core's default (signing in slices).
 *
 * @example
 * ```ts
 * const client = await warmBurstClient(emulator, 1000, Infinity); // signs a burst in one turn
 * ```
 */
export async function warmBurstClient(target: EmulatorTarget, streams: number, signingSliceMs: number | undefined): Promise<OciGenAiClient> {
  const client = createBenchClient(target, { maxConnections: streams + 24, ...(signingSliceMs === undefined ? {} : { signingSliceMs }) });
  for (let i = 0; i < 3; i += 1) {
    await new Promise<void>((resolve, reject) => client.chat({ model: benchModel, prompt: 'warm-up' }).subscribe({ error: reject, complete: resolve }));
  }
  return client;
}
