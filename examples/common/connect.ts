import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { AuthOption, ClientOptions, OciGenAiClient } from '@oci-genai-rx/core';
import { configFilePath, configProfile, createClient } from '@oci-genai-rx/core';
import type { Emulator, EmulatorOptions } from '@oci-genai-rx/emulator';
import type { ConnectionSettings } from './connectionFlags.js';
import { UsageError } from './UsageError.js';

/** A client ready to use, the model to ask, and what it talks to. */
export interface Connection {
  readonly client: OciGenAiClient;
  readonly model: string;
  /** The embedded emulator, when the answers come from it; undefined against OCI. */
  readonly emulator: Emulator | undefined;
  /** Where requests go, for a line of output: `the embedded emulator at http://…`, or the endpoint and the auth. */
  readonly description: string;
  /** Why the embedded emulator answers (print it on stderr), or undefined against OCI. */
  readonly notice: string | undefined;
  /** Closes the client, then the embedded emulator if any. */
  close(): Promise<void>;
}

/** The environment variables through which OCI tools are configured. */
const OCI_VARIABLES = ['OCI_CONFIG_FILE', 'OCI_CLI_PROFILE', 'OCI_REGION', 'OCI_COMPARTMENT_ID'] as const;

/**
 * True when the user configured OCI in any way: a flag naming where or how to connect, an OCI
 * environment variable, or a `~/.oci/config` file. Otherwise the examples use the embedded emulator.
 *
 * @example
 * hasOciConfiguration(connectionSettings({ profile: 'CHICAGO' }), process.env); // true
 */
export function hasOciConfiguration(settings: ConnectionSettings, env: NodeJS.ProcessEnv): boolean {
  const flags = [settings.profile, settings.configFile, settings.region, settings.compartmentId, settings.auth, settings.endpoint];
  if (flags.some((flag) => flag !== undefined)) return true;
  if (OCI_VARIABLES.some((name) => (env[name] ?? '') !== '')) return true;
  return existsSync(join(homedir(), '.oci', 'config'));
}

/**
 * Connects the way every example does, by one rule: to the embedded emulator with `--emulator`,
 * or when nothing configures OCI (see {@link hasOciConfiguration}); else to OCI Generative AI
 * through `createClient`, as any app would. Configuration errors (no config file, unknown
 * profile, no region) throw core's `ConfigurationError`, which names the setting to fix.
 *
 * @param settings The checked connection flags (`connectionSettings`).
 * @param options `emulator`: how the embedded emulator answers (token pace, length), ignored against OCI;
 *   `env`: the environment to look for OCI_* variables in (default `process.env`).
 * @returns The connection; close it when done.
 * @throws {UsageError} when flags contradict each other (`--profile` with `--auth instance-principal`).
 * @example
 * const connection = await connect(connectionSettings({}));
 * connection.description; // 'the embedded emulator at http://127.0.0.1:40123'
 * connection.client.chat({ model: connection.model, prompt: 'Tell me a joke.' });
 */
export async function connect(settings: ConnectionSettings, options: { readonly emulator?: EmulatorOptions; readonly env?: NodeJS.ProcessEnv } = {}): Promise<Connection> {
  if (!settings.emulator && hasOciConfiguration(settings, options.env ?? process.env)) {
    const client = createClient(ociClientOptions(settings));
    const description = `${client.endpoint} with ${describeAuth(settings)}`;
    return { client, model: settings.model, emulator: undefined, description, notice: undefined, close: () => client.close() };
  }
  const connection = await connectEmulator(options.emulator ?? {});
  const notice = settings.emulator
    ? `--emulator: answering from the embedded emulator at ${connection.emulator.url}.`
    : `No OCI configuration found: answering from the embedded emulator at ${connection.emulator.url} (to ask OCI, pass --profile and --compartment, or create ~/.oci/config).`;
  return { ...connection, model: settings.model, notice };
}

/**
 * Starts an emulator in this process and a client signed with the emulator's generated API key.
 *
 * @example
 * const { client, emulator, close } = await connectEmulator({ tokens: 20 });
 */
export async function connectEmulator(emulatorOptions: EmulatorOptions, clientOptions: Partial<ClientOptions> = {}): Promise<Omit<Connection, 'model' | 'notice'> & { readonly emulator: Emulator }> {
  // Loaded only when needed: an example talking to OCI does not load a server.
  const { startEmulator } = await import('@oci-genai-rx/emulator');
  const emulator = await startEmulator(emulatorOptions);
  const { tenancy, user, fingerprint, privateKeyPem, compartmentId } = emulator.credentials;
  try {
    const client = createClient({ endpoint: emulator.url, compartmentId, auth: { type: 'api-key', tenancy, user, fingerprint, privateKey: privateKeyPem }, ...clientOptions });
    return {
      client,
      emulator,
      description: `the embedded emulator at ${emulator.url}`,
      close: async () => {
        await client.close();
        await emulator.close();
      },
    };
  } catch (error) {
    await emulator.close();
    throw error;
  }
}

/** The `createClient` options of the flags; absent flags stay absent so that core's defaults (files, OCI_* variables) apply. */
function ociClientOptions(settings: ConnectionSettings): ClientOptions {
  return {
    auth: authOption(settings),
    ...(settings.compartmentId === undefined ? {} : { compartmentId: settings.compartmentId }),
    ...(settings.region === undefined ? {} : { region: settings.region }),
    ...(settings.endpoint === undefined ? {} : { endpoint: settings.endpoint }),
  };
}

function authOption(settings: ConnectionSettings): AuthOption {
  const type = settings.auth ?? 'config-file';
  if (type === 'config-file' || type === 'session-token') {
    return {
      type,
      ...(settings.configFile === undefined ? {} : { configFile: settings.configFile }),
      ...(settings.profile === undefined ? {} : { profile: settings.profile }),
    };
  }
  if (settings.configFile !== undefined || settings.profile !== undefined) {
    throw new UsageError(`--config and --profile apply to --auth config-file and session-token, not ${type}.`);
  }
  return { type };
}

function describeAuth(settings: ConnectionSettings): string {
  const type = settings.auth ?? 'config-file';
  if (type !== 'config-file' && type !== 'session-token') return type;
  return `${type} (profile ${configProfile(settings.profile)} of ${configFilePath(settings.configFile)})`;
}
