import type { SlowFirstTokenOptions } from './internal/stream/SlowFirstTokens.js';

/**
 * An extra API key the emulator accepts, besides the one it generates.
 *
 * @example
 * await startEmulator({ trustedKeys: [{ keyId: `${tenancy}/${user}/${fingerprint}`, publicKeyPem }] });
 */
export interface TrustedKey {
  /** `<tenancy>/<user>/<fingerprint>`, as the client puts it in the signature's keyId. */
  readonly keyId: string;
  /** The RSA public key, PEM (SPKI or PKCS#1). */
  readonly publicKeyPem: string;
}

/**
 * How to start the emulator. Every field is optional; times are milliseconds.
 *
 * @example
 * const emulator = await startEmulator({ tokens: 200, tokenIntervalMs: 5, faults: 'keepalive=1000' });
 */
export interface EmulatorOptions {
  /** TCP port. Default: 0 (an ephemeral port; read it from `emulator.url`). */
  port?: number;
  /** Interface to listen on. Default: '127.0.0.1'. */
  host?: string;
  /** Time to first token in ms. Default: 0. Per request: header `x-emulator-ttft-ms` or fault `ttft-ms`. */
  ttftMs?: number;
  /**
   * A heavy tail of time to first token: e.g. `{ share: 0.05, ms: 3000 }` makes a seeded 5% of
   * requests (those without their own `ttft-ms`) wait 3 s. Default: none.
   */
  slowFirstToken?: SlowFirstTokenOptions;
  /** Delay between tokens in ms. Default: 0 (as fast as the socket drains, many events per write). */
  tokenIntervalMs?: number;
  /** Answer length in tokens. Default: 40. Per request: header `x-emulator-tokens` or fault `tokens`; capped by maxTokens. */
  tokens?: number;
  /** Answer language. Default: 'en'; a prompt with Japanese in it, or header `x-emulator-lang: ja`, gets Japanese anyway. */
  language?: 'en' | 'ja';
  /** Fault spec applied to every request without its own (see the README's fault table). Default: none. */
  faults?: string;
  /** Largest request body in bytes; bigger ones get 413 LimitExceeded without being read. Default: 1048576 (1 MiB). */
  maxBodyBytes?: number;
  /** More API keys it accepts, e.g. the key of a ~/.oci/config profile used in a test. Default: none. */
  trustedKeys?: ReadonlyArray<TrustedKey>;
  /** The clock (epoch ms) for the 5-minute date check, token times and timestamps. Default: `Date.now`. */
  now?: () => number;
  /** Not an option: lingering after the finish event is the `linger` fault. */
  finishGraceLingerMs?: never;
}
