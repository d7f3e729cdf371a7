import { UsageError } from './UsageError.js';
import type { FlagOptions } from './parseFlags.js';

/** The model the examples ask when `--model` is not given: OCI's on-demand Llama, served in every Generative AI region. */
export const DEFAULT_MODEL = 'meta.llama-3.3-70b-instruct';

/** How an example authenticates to OCI (`--auth`): the names of core's `AuthOption` shorthands. */
export type AuthFlag = 'config-file' | 'session-token' | 'instance-principal' | 'resource-principal';

const AUTH_TYPES: readonly AuthFlag[] = ['config-file', 'session-token', 'instance-principal', 'resource-principal'];

/**
 * The flags every example shares to pick where answers come from: the real OCI Generative AI
 * service, or an emulator started inside the program (see `connect` for the rule). Spread them
 * into the example's own flags.
 *
 * @example
 * const { values } = parseFlags(argv, { ...connectionFlagOptions, port: { type: 'string' } });
 * await connect(connectionSettings(values));
 */
export const connectionFlagOptions = {
  endpoint: { type: 'string' },
  config: { type: 'string' },
  profile: { type: 'string' },
  auth: { type: 'string' },
  compartment: { type: 'string' },
  region: { type: 'string' },
  emulator: { type: 'boolean' },
  model: { type: 'string', short: 'm' },
} as const satisfies FlagOptions;

/** The raw values of {@link connectionFlagOptions}, as `parseArgs` returns them. */
export interface ConnectionFlagValues {
  readonly endpoint?: string | undefined;
  readonly config?: string | undefined;
  readonly profile?: string | undefined;
  readonly auth?: string | undefined;
  readonly compartment?: string | undefined;
  readonly region?: string | undefined;
  readonly emulator?: boolean | undefined;
  readonly model?: string | undefined;
}

/** Where answers come from, checked: what `connect` needs. Absent settings stay undefined, so core's defaults apply. */
export interface ConnectionSettings {
  /** The model id or dedicated endpoint OCID; default {@link DEFAULT_MODEL}. */
  readonly model: string;
  readonly auth: AuthFlag | undefined;
  /** The OCI config file; default `OCI_CONFIG_FILE`, then `~/.oci/config`. */
  readonly configFile: string | undefined;
  /** The profile in the config file; default `OCI_CLI_PROFILE`, then `DEFAULT`. */
  readonly profile: string | undefined;
  /** The region, e.g. `us-chicago-1`; default the profile's, or `OCI_REGION`. */
  readonly region: string | undefined;
  /** The compartment OCID to bill; default `OCI_COMPARTMENT_ID`. */
  readonly compartmentId: string | undefined;
  /** A service URL (a proxy, a private endpoint, an emulator you started yourself), without a trailing `/20231130`; wins over `region`. */
  readonly endpoint: string | undefined;
  /** `--emulator`: the embedded emulator even when OCI is configured. */
  readonly emulator: boolean;
}

/**
 * Checks the connection flags' values.
 *
 * @throws {UsageError} naming the flag: an empty value, an unknown `--auth`, an `--endpoint` that is not an http(s) URL.
 * @example
 * connectionSettings({ profile: 'CHICAGO', endpoint: 'http://127.0.0.1:9/20231130/' });
 * // { model: 'meta.llama-3.3-70b-instruct', profile: 'CHICAGO', endpoint: 'http://127.0.0.1:9', emulator: false, … }
 */
export function connectionSettings(values: ConnectionFlagValues): ConnectionSettings {
  return {
    model: nonEmpty('--model', values.model) ?? DEFAULT_MODEL,
    auth: parseAuth(values.auth),
    configFile: nonEmpty('--config', values.config),
    profile: nonEmpty('--profile', values.profile),
    region: nonEmpty('--region', values.region),
    compartmentId: nonEmpty('--compartment', values.compartment),
    endpoint: parseEndpoint(values.endpoint),
    emulator: values.emulator === true,
  };
}

/** The help text of the connection flags, for each example's `--help`. */
export const connectionFlagsHelp = `Where answers come from (without any OCI configuration: no flags below, no OCI_* variables,
no ~/.oci/config, the answers come from an embedded emulator, so this works on a fresh machine):
  --profile NAME            profile of the OCI config file (default DEFAULT, or OCI_CLI_PROFILE)
  --config PATH             OCI config file (default ~/.oci/config, or OCI_CONFIG_FILE)
  --auth TYPE               config-file (default), session-token, instance-principal,
                            resource-principal
  --region ID               e.g. us-chicago-1 (default: the profile's, or OCI_REGION)
  --compartment OCID        compartment to bill (default OCI_COMPARTMENT_ID)
  --endpoint URL            explicit service URL (a private endpoint, a proxy, an emulator)
  --emulator                use the embedded emulator even when OCI is configured
  -m, --model ID            model id or dedicated endpoint OCID (default ${DEFAULT_MODEL})`;

function parseAuth(text: string | undefined): AuthFlag | undefined {
  if (text === undefined) return undefined;
  const auth = AUTH_TYPES.find((type) => type === text.trim().toLowerCase());
  if (auth === undefined) throw new UsageError(`--auth must be one of ${AUTH_TYPES.join(', ')}, not "${text}".`);
  return auth;
}

function parseEndpoint(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`--endpoint must be a URL such as https://inference.generativeai.us-chicago-1.oci.oraclecloud.com, not "${text}".`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new UsageError(`--endpoint must be an http(s) URL, not "${text}".`);
  }
  // The client appends /20231130/actions/…: accept the endpoint with or without the version.
  return text.replace(/\/+$/, '').replace(/\/20231130$/, '');
}

function nonEmpty(flag: string, text: string | undefined): string | undefined {
  if (text !== undefined && text.trim() === '') throw new UsageError(`${flag} needs a value.`);
  return text;
}
