import type { ClientOptions, OciGenAiClient } from '@oci-genai-rx/core';
import { createClient } from '@oci-genai-rx/core';
import type { Emulator, EmulatorOptions } from '@oci-genai-rx/emulator';
import { startEmulator } from '@oci-genai-rx/emulator';
import type { ConnectionFlags } from './connectionFlags.js';

/** The model the examples ask when `--model` is not given. */
export const defaultModel = 'meta.llama-3.3-70b-instruct';

/** A client ready to use, the model to ask, and what it talks to. */
export interface Connection {
  readonly client: OciGenAiClient;
  readonly model: string;
  /** The embedded emulator, when no connection flag was given; undefined against OCI. */
  readonly emulator: Emulator | undefined;
  /** Where requests go, for a line of output: `the embedded emulator at http://…` or the endpoint. */
  readonly description: string;
  /** Closes the client, then the embedded emulator if any. */
  close(): Promise<void>;
}

/** True when any flag names a real service or account: only then is the emulator left out. */
export function wantsRealService(flags: ConnectionFlags): boolean {
  return [flags.endpoint, flags.config, flags.profile, flags.compartment, flags.region].some((value) => value !== undefined);
}

/**
 * Connects the way every example does: to OCI Generative AI when any connection flag is given
 * (auth from the config file and profile), else to an emulator started in this process and
 * signed with its generated API key. Configuration errors (no config file, unknown profile,
 * no region) throw a `ConfigurationError` that names the setting to fix.
 *
 * @param flags The connection flags (see `connectionFlagOptions`).
 * @param emulatorOptions How the embedded emulator answers (token pace, length); ignored against OCI.
 * @returns The connection; close it when done.
 *
 * @example
 * const connection = await connect({});
 * connection.description; // 'the embedded emulator at http://127.0.0.1:40123'
 * connection.client.chat({ model: connection.model, prompt: 'Tell me a joke.' });
 */
export async function connect(flags: ConnectionFlags, emulatorOptions: EmulatorOptions = {}): Promise<Connection> {
  const model = flags.model ?? defaultModel;
  if (wantsRealService(flags)) {
    const client = createClient(realServiceOptions(flags));
    return { client, model, emulator: undefined, description: client.endpoint, close: () => client.close() };
  }
  const emulator = await startEmulator(emulatorOptions);
  const { tenancy, user, fingerprint, privateKeyPem, compartmentId } = emulator.credentials;
  const client = createClient({
    endpoint: emulator.url,
    compartmentId,
    auth: { type: 'api-key', tenancy, user, fingerprint, privateKey: privateKeyPem },
  });
  return {
    client,
    model,
    emulator,
    description: `the embedded emulator at ${emulator.url}`,
    close: async () => {
      await client.close();
      await emulator.close();
    },
  };
}

function realServiceOptions(flags: ConnectionFlags): ClientOptions {
  // exactOptionalPropertyTypes: a flag that was not given must be absent, not undefined.
  return {
    auth: {
      type: 'config-file',
      ...(flags.config !== undefined && { configFile: flags.config }),
      ...(flags.profile !== undefined && { profile: flags.profile }),
    },
    ...(flags.compartment !== undefined && { compartmentId: flags.compartment }),
    ...(flags.region !== undefined && { region: flags.region }),
    ...(flags.endpoint !== undefined && { endpoint: flags.endpoint }),
  };
}
