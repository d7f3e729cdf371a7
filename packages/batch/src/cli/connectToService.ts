import type { ClientOptions } from '@oci-genai-rx/core';
import { createClient } from '@oci-genai-rx/core';
import type { Connection } from './Connection.js';
import type { ConnectionFlags } from './connectionFlags.js';

/** The model asked when neither `--model` nor the prompt line names one. */
export const defaultModel = 'meta.llama-3.3-70b-instruct';

/**
 * Connects to OCI Generative AI (or any endpoint given by `--endpoint`) the way the OCI CLI does:
 * the config file and profile sign the requests. Configuration errors (no config file, unknown
 * profile, no region) throw a `ConfigurationError` from core that names the setting to fix.
 *
 * @param flags The connection flags (see {@link connectionFlagOptions}).
 * @returns The connection; close it when done.
 * @example
 * const connection = await connectToService({ profile: 'CHICAGO', compartment: 'ocid1.compartment.oc1..aaaa…' });
 * connection.description; // 'https://inference.generativeai.us-chicago-1.oci.oraclecloud.com'
 */
export function connectToService(flags: ConnectionFlags): Promise<Connection> {
  // A promise chain so that a configuration error rejects instead of throwing synchronously.
  return Promise.resolve().then(() => serviceConnection(flags));
}

function serviceConnection(flags: ConnectionFlags): Connection {
  // exactOptionalPropertyTypes: a flag that was not given must be absent, not undefined.
  const options: ClientOptions = {
    auth: {
      type: 'config-file',
      ...(flags.config !== undefined && { configFile: flags.config }),
      ...(flags.profile !== undefined && { profile: flags.profile }),
    },
    ...(flags.compartment !== undefined && { compartmentId: flags.compartment }),
    ...(flags.region !== undefined && { region: flags.region }),
    ...(flags.endpoint !== undefined && { endpoint: flags.endpoint }),
  };
  const client = createClient(options);
  return { client, model: flags.model ?? defaultModel, description: client.endpoint, close: () => client.close() };
}
