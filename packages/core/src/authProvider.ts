import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { AuthenticationDetailsProvider } from 'oci-common';
import {
  ConfigFileAuthenticationDetailsProvider,
  ConfigFileReader,
  InstancePrincipalsAuthenticationDetailsProviderBuilder,
  ResourcePrincipalAuthenticationDetailsProvider,
  SessionAuthDetailProvider,
  SimpleAuthenticationDetailsProvider,
} from 'oci-common';
import { knownRegion } from './endpoint.js';
import { AuthProviderError, ConfigurationError } from './errors.js';
import { describeValue } from './optionChecks.js';

/**
 * How the client authenticates: any oci-common provider instance, or one of these shorthands.
 *
 * - `{ type: 'config-file' }`: an API key from `~/.oci/config` (or `configFile`, or
 *   `OCI_CONFIG_FILE`), profile `DEFAULT` (or `profile`, or `OCI_CLI_PROFILE`). The default.
 * - `{ type: 'session-token' }`: the same file, with a `security_token_file` (`oci session authenticate`).
 * - `{ type: 'instance-principal' }`: the compute instance's identity, as the seed article's
 *   InstancePrincipalsSecurityTokenSigner.
 * - `{ type: 'resource-principal' }`: an OCI Function's identity (`OCI_RESOURCE_PRINCIPAL_*` variables).
 * - `{ type: 'api-key', … }`: an explicit IAM API key (a signing key pair).
 * - `{ type: 'generative-ai-api-key' }`: an OCI Generative AI API key, a bearer secret tied to one
 *   region, from `apiKey` or the environment variable `apiKeyEnv` (default `OCI_GENAI_API_KEY`).
 *   It authenticates the OpenAI-compatible routes only (`route: 'responses'`, the default with
 *   this auth, or `'chat-completions'`); the client needs `region` (or `OCI_REGION`) or `endpoint`.
 *
 * @example
 * ```ts
 * createClient({ auth: { type: 'config-file', profile: 'CHICAGO' }, compartmentId })
 * createClient({ auth: { type: 'instance-principal' }, region: 'us-chicago-1', compartmentId })
 * createClient({ auth: { type: 'generative-ai-api-key' }, region: 'us-chicago-1' }) // key from $OCI_GENAI_API_KEY
 * ```
 */
export type AuthOption =
  | AuthenticationDetailsProvider
  | { readonly type: 'config-file'; readonly configFile?: string; readonly profile?: string }
  | { readonly type: 'session-token'; readonly configFile?: string; readonly profile?: string }
  | { readonly type: 'instance-principal'; readonly federationEndpoint?: string; readonly metadataBaseUrl?: string }
  | { readonly type: 'resource-principal' }
  | {
      readonly type: 'api-key';
      readonly tenancy: string;
      readonly user: string;
      readonly fingerprint: string;
      /** The PEM text of the private key (not a path). */
      readonly privateKey: string;
      readonly passphrase?: string;
    }
  | GenerativeAiApiKeyAuth;

/**
 * An OCI Generative AI API key: `Authorization: Bearer <key>`, for the OpenAI-compatible routes.
 * The key is a secret: it never appears in an error, a log or a snapshot.
 *
 * @example
 * ```ts
 * { type: 'generative-ai-api-key', apiKeyEnv: 'CHICAGO_GENAI_KEY' }
 * ```
 */
export interface GenerativeAiApiKeyAuth {
  readonly type: 'generative-ai-api-key';
  /** The key itself; default: read from `apiKeyEnv`. */
  readonly apiKey?: string;
  /** The environment variable holding the key; default `OCI_GENAI_API_KEY`. */
  readonly apiKeyEnv?: string;
}

/**
 * True when the auth option is an OCI Generative AI API key (bearer) rather than IAM signing.
 *
 * @example
 * ```ts
 * isGenerativeAiApiKey({ type: 'generative-ai-api-key' }) // true
 * isGenerativeAiApiKey({ type: 'config-file' }) // false
 * ```
 */
export function isGenerativeAiApiKey(option: AuthOption | undefined): option is GenerativeAiApiKeyAuth {
  return typeof option === 'object' && option !== null && 'type' in option && option.type === 'generative-ai-api-key';
}

/**
 * The bearer key of a {@link GenerativeAiApiKeyAuth}, from the option or its environment variable.
 *
 * @throws {ConfigurationError} naming the variable (never the key) when there is no key.
 * @example
 * ```ts
 * generativeAiApiKey({ type: 'generative-ai-api-key', apiKeyEnv: 'MY_KEY' }) // the value of $MY_KEY
 * ```
 */
export function generativeAiApiKey(option: GenerativeAiApiKeyAuth): string {
  const env = option.apiKeyEnv ?? 'OCI_GENAI_API_KEY';
  const key = (option.apiKey ?? process.env[env] ?? '').trim();
  if (key === '') {
    const problem = option.apiKey === undefined ? `No OCI Generative AI API key was given and ${env} is not set.` : 'The API key is empty.';
    throw new ConfigurationError(problem, { setting: 'apiKey', fix: `Create a key in the Generative AI console of your region, then set ${env} or pass apiKey.` });
  }
  if (/\s/.test(key)) {
    throw new ConfigurationError(`The API key${option.apiKey === undefined ? ` in ${env}` : ''} contains white space.`, { setting: 'apiKey', fix: 'Copy the key again, without spaces or line breaks.' });
  }
  return key;
}

/**
 * The config file to read: the explicit path, `OCI_CONFIG_FILE`, or `~/.oci/config`.
 *
 * @example
 * ```ts
 * configFilePath() // '/home/me/.oci/config', or $OCI_CONFIG_FILE
 * ```
 */
export function configFilePath(explicit?: string): string {
  return explicit ?? process.env['OCI_CONFIG_FILE'] ?? join(homedir(), '.oci', 'config');
}

/**
 * The profile to read: the explicit one, `OCI_CLI_PROFILE`, or `DEFAULT`.
 *
 * @example
 * ```ts
 * configProfile() // 'DEFAULT', or $OCI_CLI_PROFILE
 * ```
 */
export function configProfile(explicit?: string): string {
  return explicit ?? process.env['OCI_CLI_PROFILE'] ?? 'DEFAULT';
}

function fromConfigFile(kind: 'config-file' | 'session-token', file?: string, profileName?: string): AuthenticationDetailsProvider {
  const path = configFilePath(file);
  const profile = configProfile(profileName);
  if (!existsSync(path)) {
    throw new ConfigurationError(`No OCI config file at ${path}.`, { setting: 'configFile', fix: 'Create one with `oci setup config`, set OCI_CONFIG_FILE, or pass auth explicitly.' });
  }
  let values: { get(key: string): string | null };
  try {
    values = withoutDefaultProfileNotice(() => ConfigFileReader.parseFileFromPath(path, profile));
  } catch (error) {
    throw configFileError(error, path, profile);
  }
  // Checked before oci-common sees the profile: it would register any region string under OC1
  // (and print a warning), and sign requests for a host built from it.
  const region = values.get('region');
  if (region) knownRegion(region, `profile [${profile}] in ${path}`);
  else if (process.env['OCI_REGION']) knownRegion(process.env['OCI_REGION'], 'OCI_REGION');
  if (kind === 'session-token') checkSessionTokenFile(values.get('security_token_file'), path, profile);
  try {
    return withoutDefaultProfileNotice(() =>
      kind === 'session-token' ? new SessionAuthDetailProvider(path, profile) : new ConfigFileAuthenticationDetailsProvider(path, profile));
  } catch (error) {
    throw configFileError(error, path, profile);
  }
}

/** A session-token profile signs with the token file's content: without it, every request would go out as a plain API key. */
function checkSessionTokenFile(tokenFile: string | null, path: string, profile: string): void {
  if (!tokenFile) {
    throw new ConfigurationError(`Profile [${profile}] in ${path} has no security_token_file.`, { setting: 'security_token_file', fix: 'Run `oci session authenticate` for this profile, or add security_token_file= pointing at the token.' });
  }
  const tokenPath = ConfigFileReader.expandUserHome(tokenFile);
  if (!existsSync(tokenPath)) {
    throw new ConfigurationError(`The security_token_file ${tokenPath} of profile [${profile}] in ${path} does not exist.`, { setting: 'security_token_file', fix: 'Run `oci session authenticate` (or `oci session refresh`) again, or fix the path.' });
  }
}

/**
 * oci-common's config reader prints "No DEFAULT profile was specified in the configuration" with
 * console.info (stdout) whenever a file has no [DEFAULT] section, even when another profile was
 * asked for; on stdout it corrupts the output of programs that pipe their answers. That one
 * notice is dropped for the duration of the synchronous call; anything else passes through.
 */
function withoutDefaultProfileNotice<T>(read: () => T): T {
  const info = console.info;
  console.info = (...args: unknown[]) => {
    if (args[0] !== 'No DEFAULT profile was specified in the configuration') info(...args);
  };
  try {
    return read();
  } finally {
    console.info = info;
  }
}

/** Rewords oci-common's config-file failures as the setting to fix; never quotes file contents. */
function configFileError(error: unknown, path: string, profile: string): ConfigurationError {
  const text = String(error instanceof Error ? error.message : error);
  if (/profile/i.test(text) && /(not found|no profile|missing)/i.test(text)) {
    return new ConfigurationError(`Profile [${profile}] is not in ${path}.`, { setting: 'profile', fix: 'Pick an existing profile with OCI_CLI_PROFILE or the profile option.' });
  }
  if (/private key|key_file/i.test(text)) {
    const tried = keyFilePath(path, profile);
    const where = tried === undefined ? '' : ` (tried ${tried})`;
    return new ConfigurationError(`The key_file of profile [${profile}] in ${path} cannot be read${where}.`, { setting: 'key_file', fix: 'Check that the path exists and is readable.' });
  }
  const missing = /missing (\w+)/.exec(text);
  if (missing?.[1] !== undefined) {
    return new ConfigurationError(`Profile [${profile}] in ${path} has no ${missing[1]}.`, { setting: missing[1], fix: `Add a ${missing[1]}= line to the profile.` });
  }
  if (/region/i.test(text)) {
    return new ConfigurationError(`Profile [${profile}] in ${path} names no region.`, { setting: 'region', fix: 'Add region= to the profile, set OCI_REGION, or pass region.' });
  }
  return new ConfigurationError(`${path} [${profile}] could not be used (${firstLine(text)}).`, { setting: 'configFile', fix: 'Check the file with `oci setup repair-file-permissions` and `oci iam region list`.' });
}

/** The key file the profile names, `~` expanded as oci-common expands it; undefined when the profile cannot say. */
function keyFilePath(path: string, profile: string): string | undefined {
  try {
    const keyFile = ConfigFileReader.parseFileFromPath(path, profile).get('key_file');
    return keyFile === null || keyFile === undefined || keyFile === '' ? undefined : ConfigFileReader.expandUserHome(keyFile);
  } catch {
    return undefined; // the path is a courtesy: the error about the unreadable key stands without it
  }
}

function firstLine(text: string): string {
  // Only the first line and no PEM-looking content: oci-common messages never carry keys, but be sure.
  const line = text.split('\n')[0] ?? '';
  return line.includes('-----BEGIN') ? 'unreadable content' : line.slice(0, 600);
}

/**
 * The oci-common provider for an auth option. Instance principals need a network round trip,
 * so the result may be a promise.
 *
 * @throws {ConfigurationError} when the config file, profile or key cannot be used.
 *
 * @example
 * ```ts
 * const provider = createAuthProvider({ type: 'config-file', profile: 'CHICAGO' }); // a ConfigFileAuthenticationDetailsProvider
 * ```
 */
export function createAuthProvider(option: AuthOption | undefined): AuthenticationDetailsProvider | Promise<AuthenticationDetailsProvider> {
  if (option === undefined) return fromConfigFile('config-file');
  if (typeof option !== 'object' || option === null) {
    throw new ConfigurationError(`${describeValue(option)} is not an auth option.`, { setting: 'auth', fix: 'Pass { type: "config-file" } (or another auth type), or an oci-common provider.' });
  }
  if (!('type' in option) || typeof option.type !== 'string') return option;
  switch (option.type) {
    case 'config-file':
    case 'session-token':
      return fromConfigFile(option.type, option.configFile, option.profile);
    case 'instance-principal':
      return observed(instancePrincipal(option));
    case 'resource-principal':
      try {
        return ResourcePrincipalAuthenticationDetailsProvider.builder();
      } catch (error) {
        throw new ConfigurationError(`Resource principal authentication failed (${firstLine(String(error))}).`, { setting: 'auth', fix: 'Set OCI_RESOURCE_PRINCIPAL_VERSION, _RPST, _PRIVATE_PEM and _REGION (OCI Functions sets them).' });
      }
    case 'generative-ai-api-key':
      throw new ConfigurationError('An OCI Generative AI API key is a bearer key, not an IAM provider.', { setting: 'auth', fix: 'Pass it to createClient({ auth }), which sends it on the OpenAI-compatible routes.' });
    case 'api-key':
      for (const field of ['tenancy', 'user', 'fingerprint', 'privateKey'] as const) {
        if (typeof option[field] !== 'string' || option[field] === '') {
          throw new ConfigurationError(`An api-key auth needs ${field} as a non-empty string, got ${describeValue(option[field])}.`, { setting: `auth.${field}`, fix: 'Pass tenancy, user, fingerprint and the PEM text of privateKey.' });
        }
      }
      return new SimpleAuthenticationDetailsProvider(option.tenancy, option.user, option.fingerprint, option.privateKey, option.passphrase ?? null);
    default:
      throw new ConfigurationError(`${describeValue((option as { type: unknown }).type)} is not an auth type.`, { setting: 'auth', fix: 'Use config-file, session-token, instance-principal, resource-principal or api-key, or pass an oci-common provider.' });
  }
}

/**
 * Marks a promise as observed, so that a set-up failure waits for the first request instead of
 * raising an unhandled rejection (which ends the process) when nobody has awaited it yet. Whoever
 * awaits the promise still gets the rejection.
 */
function observed<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

/**
 * Builds oci-common's instance-principals provider (it reads certificates and, without
 * federationEndpoint, the region from the instance metadata service) and checks the region it read.
 * The federation exchange itself happens later, when the first request is signed.
 */
async function instancePrincipal(option: { readonly federationEndpoint?: string; readonly metadataBaseUrl?: string }): Promise<AuthenticationDetailsProvider> {
  const builder = new InstancePrincipalsAuthenticationDetailsProviderBuilder();
  if (option.federationEndpoint !== undefined) builder.federationEndpoint = option.federationEndpoint;
  if (option.metadataBaseUrl !== undefined) builder.metadataBaseUrl = option.metadataBaseUrl;
  let provider: AuthenticationDetailsProvider;
  try {
    provider = await builder.build();
  } catch (error) {
    // oci-common names no region here: it could not resolve the one the metadata service reported.
    if (/not known in region/.test(String(error))) {
      throw new ConfigurationError(`The region from the instance metadata service at ${builder.metadataBaseUrl} is not a region oci-common knows.`, { setting: 'region', fix: 'Pass federationEndpoint and region (or endpoint) explicitly, or update oci-common.' });
    }
    throw new AuthProviderError(
      `The instance metadata service at ${builder.metadataBaseUrl} could not be read (${firstLine(String(error))}). ` +
        'Retrying may help if the service is briefly unreachable; off an OCI compute instance it never answers.',
      { step: 'instance-metadata', retryable: true },
    );
  }
  const region = builder.getRegion();
  if (region !== undefined) knownRegion(region.regionId, `the instance metadata service at ${builder.metadataBaseUrl}`);
  return provider;
}
