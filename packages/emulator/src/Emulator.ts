import type { EmulatorCounters } from './EmulatorCounters.js';
import type { EmulatorCredentials } from './EmulatorCredentials.js';

/** What {@link Emulator.clientOptions} returns: core's `ClientOptions` for the emulator. */
export interface EmulatorClientOptions {
  readonly endpoint: string;
  readonly compartmentId: string;
  readonly auth: {
    readonly type: 'api-key';
    readonly tenancy: string;
    readonly user: string;
    readonly fingerprint: string;
    readonly privateKey: string;
  };
}

/**
 * A running emulator. Point a client at `url`, sign with `credentials`, inject faults
 * with `setFault`, and `close()` it when done.
 *
 * @example
 * const emulator = await startEmulator();
 * emulator.setFault('status=429; retry-after=1', { times: 1 });
 * // ... the client's first request gets 429, the next ones are answered
 * await emulator.close();
 */
export interface Emulator {
  /** Base URL, e.g. 'http://127.0.0.1:41234' (clients append '/20231130/actions/chat'). */
  readonly url: string;
  /**
   * The instance metadata service (IMDS v2) of the instance it plays, e.g.
   * 'http://127.0.0.1:41234/opc/v2/': give it to oci-common's instance-principals builder as
   * `metadataBaseUrl`. Needs `Authorization: Bearer Oracle`, like IMDS.
   */
  readonly instanceMetadataUrl: string;
  /**
   * The auth service's federation endpoint, the emulator's own base URL (oci-common appends
   * '/v1/x509'): give it to the builder as `federationEndpoint`.
   */
  readonly federationEndpoint: string;
  readonly credentials: EmulatorCredentials;
  /** Live counters. */
  readonly counters: EmulatorCounters;
  /**
   * An ~/.oci/config profile (user, fingerprint, tenancy, region, key_file) for these
   * credentials; write `credentials.privateKeyPem` to `keyFilePath` yourself.
   *
   * @example
   * emulator.configFileText('/tmp/key.pem', 'EMULATOR'); // '[EMULATOR]\nuser=ocid1.user…\n…key_file=/tmp/key.pem\n'
   */
  configFileText(keyFilePath: string, profile?: string): string;
  /**
   * The options of a `@oci-genai-rx/core` client that talks to this emulator, signed with its
   * API key: `createClient(emulator.clientOptions())`. Plain data: spread your own options over it.
   *
   * @example
   * const client = createClient({ ...emulator.clientOptions(), finishGraceMs: 200 });
   */
  clientOptions(): EmulatorClientOptions;
  /**
   * Applies a fault spec to the next `times` requests (default: every following request
   * until cleared with `setFault(undefined)`). A request's own `x-emulator-fault` header
   * still wins. Throws on an unknown fault name.
   */
  setFault(spec: string | undefined, options?: { times?: number }): void;
  /** Stops listening, destroys every open socket (lingering and stalled streams too) and resolves when closed. */
  close(): Promise<void>;
}
