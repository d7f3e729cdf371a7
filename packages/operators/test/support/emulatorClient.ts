import { createClient } from '@oci-genai-rx/core';
import type { ClientOptions, OciGenAiClient } from '@oci-genai-rx/core';
import { startEmulator } from '@oci-genai-rx/emulator';
import type { Emulator, EmulatorOptions } from '@oci-genai-rx/emulator';

/** An emulator and a client that signs its requests with the emulator's key: real HTTP, real signatures. */
export interface EmulatorClient {
  readonly emulator: Emulator;
  readonly client: OciGenAiClient;
  close(): Promise<void>;
}

export async function startEmulatorClient(options: EmulatorOptions = {}, clientOptions: Partial<ClientOptions> = {}): Promise<EmulatorClient> {
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
