import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { AuthOption, ClientOptions, OciGenAiClient } from '@oci-genai-rx/core';
import { configFilePath, configProfile, createClient } from '@oci-genai-rx/core';
import type { Emulator } from '@oci-genai-rx/emulator';
import type { CliOptions } from './parseCliArgs.js';
import { UsageError } from './UsageError.js';

/** The client the CLI streams from, and what it talks to. */
export interface Backend {
  readonly client: OciGenAiClient;
  /** The embedded emulator, when the answer comes from it. */
  readonly emulator: Emulator | undefined;
  /** One line for stderr saying where answers come from (printed always for the emulator, with --debug for OCI). */
  readonly description: string;
  /** Closes the client, then the emulator. */
  close(): Promise<void>;
}

/** The environment variables through which OCI tools are configured. */
const OCI_VARIABLES = ['OCI_CONFIG_FILE', 'OCI_CLI_PROFILE', 'OCI_REGION', 'OCI_COMPARTMENT_ID'] as const;

/** Tokens of the embedded emulator arrive at about reading speed: 30 ms apart, after 200 ms. */
const EMULATOR_TIMING = { tokenIntervalMs: 30, ttftMs: 200 } as const;

/**
 * True when the user configured OCI in any way: a flag naming where or how to connect, an OCI
 * environment variable, or a `~/.oci/config` file. Otherwise the CLI uses the embedded emulator.
 *
 * @example
 * ```ts
 * hasOciConfiguration(parseCliArgs(['--profile', 'CHICAGO', 'Hi']), process.env) // true
 * ```
 */
export function hasOciConfiguration(options: CliOptions, env: NodeJS.ProcessEnv): boolean {
  const flags = [options.profile, options.configFile, options.region, options.compartmentId, options.auth, options.endpoint];
  if (flags.some((flag) => flag !== undefined)) return true;
  if (OCI_VARIABLES.some((name) => (env[name] ?? '') !== '')) return true;
  return existsSync(join(homedir(), '.oci', 'config'));
}

/**
 * Connects to OCI with the options (through `createClient`, as any app would), or starts the
 * embedded emulator and connects to it through the very same `createClient`.
 *
 * @throws {ConfigurationError} from `createClient` when OCI settings are missing or wrong.
 * @throws {UsageError} when flags contradict each other.
 */
export async function connectBackend(options: CliOptions, env: NodeJS.ProcessEnv): Promise<Backend> {
  if (options.emulator || !hasOciConfiguration(options, env)) return connectEmulator(options.emulator);
  const client = createClient(ociClientOptions(options));
  return {
    client,
    emulator: undefined,
    description: `asking OCI at ${client.endpoint} with ${describeAuth(options)}`,
    close: () => client.close(),
  };
}

async function connectEmulator(forced: boolean): Promise<Backend> {
  // Loaded only when needed: a CLI talking to OCI does not load a server.
  const { startEmulator } = await import('@oci-genai-rx/emulator');
  const emulator = await startEmulator(EMULATOR_TIMING);
  const { credentials } = emulator;
  try {
    const client = createClient({
      endpoint: emulator.url,
      compartmentId: credentials.compartmentId,
      auth: { type: 'api-key', tenancy: credentials.tenancy, user: credentials.user, fingerprint: credentials.fingerprint, privateKey: credentials.privateKeyPem },
    });
    const description = forced
      ? `--emulator: answering from the embedded emulator at ${emulator.url}.`
      : `No OCI configuration found: answering from the embedded emulator at ${emulator.url} (to ask OCI, pass --profile and --compartment, or create ~/.oci/config).`;
    return {
      client,
      emulator,
      description,
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
export function ociClientOptions(options: CliOptions): ClientOptions {
  return {
    auth: authOption(options),
    ...(options.compartmentId === undefined ? {} : { compartmentId: options.compartmentId }),
    ...(options.region === undefined ? {} : { region: options.region }),
    ...(options.endpoint === undefined ? {} : { endpoint: options.endpoint }),
  };
}

function authOption(options: CliOptions): AuthOption {
  const type = options.auth ?? 'config-file';
  if (type === 'config-file' || type === 'session-token') {
    return {
      type,
      ...(options.configFile === undefined ? {} : { configFile: options.configFile }),
      ...(options.profile === undefined ? {} : { profile: options.profile }),
    };
  }
  if (options.configFile !== undefined || options.profile !== undefined) {
    throw new UsageError(`--config and --profile apply to --auth config-file and session-token, not ${type}.`);
  }
  return { type };
}

function describeAuth(options: CliOptions): string {
  const type = options.auth ?? 'config-file';
  if (type !== 'config-file' && type !== 'session-token') return type;
  return `${type} (profile ${configProfile(options.profile)} of ${configFilePath(options.configFile)})`;
}
