import type { ClientOptions, OciGenAiClient } from '@oci-genai-rx/core';
import { createClient } from '@oci-genai-rx/core';
import type { Emulator, EmulatorOptions } from '@oci-genai-rx/emulator';
import { startEmulator } from '@oci-genai-rx/emulator';

/** An emulator and a client signed with its API key, for tests that run an example in-process. */
export interface EmulatorConnection {
  readonly emulator: Emulator;
  readonly client: OciGenAiClient;
  close(): Promise<void>;
}

export async function startEmulatorConnection(options: EmulatorOptions = {}, clientOptions: Partial<ClientOptions> = {}): Promise<EmulatorConnection> {
  const emulator = await startEmulator(options);
  const { tenancy, user, fingerprint, privateKeyPem, compartmentId } = emulator.credentials;
  const client = createClient({
    endpoint: emulator.url,
    compartmentId,
    auth: { type: 'api-key', tenancy, user, fingerprint, privateKey: privateKeyPem },
    ...clientOptions,
  });
  return {
    emulator,
    client,
    close: async () => {
      await client.close();
      await emulator.close();
    },
  };
}
