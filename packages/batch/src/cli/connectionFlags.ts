import type { ParseArgsConfig } from 'node:util';

/**
 * The command-line flags that pick where answers come from: the OCI Generative AI service (or any
 * endpoint, such as a proxy or an emulator) and the `~/.oci/config` profile that signs. Spread
 * them into your own `parseArgs` options.
 *
 * @example
 * const { values } = parseArgs({ options: { ...connectionFlagOptions, port: { type: 'string' } } });
 * await connectToService(values); // values.endpoint, values.config, … are read by connectToService()
 */
export const connectionFlagOptions = {
  endpoint: { type: 'string' },
  config: { type: 'string' },
  profile: { type: 'string' },
  compartment: { type: 'string' },
  region: { type: 'string' },
  model: { type: 'string' },
} as const satisfies NonNullable<ParseArgsConfig['options']>;

/** The values of {@link connectionFlagOptions}, as `parseArgs` returns them. */
export interface ConnectionFlags {
  /** A service URL (a proxy, a private endpoint, an emulator you started yourself); wins over `region`. */
  readonly endpoint?: string | undefined;
  /** The OCI config file; default `OCI_CONFIG_FILE`, then `~/.oci/config`. */
  readonly config?: string | undefined;
  /** The profile in the config file; default `OCI_CLI_PROFILE`, then `DEFAULT`. */
  readonly profile?: string | undefined;
  /** The compartment OCID to bill; default `OCI_COMPARTMENT_ID`. */
  readonly compartment?: string | undefined;
  /** The region, e.g. `us-chicago-1`; default the profile's region. */
  readonly region?: string | undefined;
  /** The model id or dedicated endpoint OCID; default `meta.llama-3.3-70b-instruct`. */
  readonly model?: string | undefined;
}

/** The help text of the connection flags, for each example's `--help`. */
export const connectionFlagsHelp = `Where answers come from:
  --endpoint <url>        service URL (a proxy, a private endpoint, a running emulator)
  --config <path>         OCI config file (default: $OCI_CONFIG_FILE or ~/.oci/config)
  --profile <name>        profile in the config file (default: $OCI_CLI_PROFILE or DEFAULT)
  --compartment <ocid>    compartment to bill (default: $OCI_COMPARTMENT_ID)
  --region <id>           region, e.g. us-chicago-1 (default: the profile's region)
  --model <id>            model id or dedicated endpoint OCID (default: meta.llama-3.3-70b-instruct)`;
