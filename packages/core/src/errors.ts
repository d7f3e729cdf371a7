/**
 * Every error this library raises extends {@link OciGenAiError}: branch on `instanceof` or on the
 * stable `code`. No error ever carries a private key, a passphrase, a session token or an
 * `Authorization` header, in its message or in any property.
 *
 * Every error class takes `(message, options)`: `message` says what went wrong, `options` carries
 * `cause`, `opcRequestId` and the class's own fields. A class whose message has a fixed frame
 * (the HTTP status line, the setting or field name, the fix) builds `error.message` around it.
 */

/**
 * The stable discriminants of the errors core raises. Each code is defined where it is raised:
 * `@oci-genai-rx/operators` adds `TIMEOUT` (`StreamTimeoutError`), `INVALID_OUTPUT` (`PartialJsonError`)
 * and `TOOL` (`ToolError`).
 *
 * @example
 * ```ts
 * if (error instanceof OciGenAiError && error.code === 'CONFIGURATION') showSettingsHelp();
 * ```
 */
export type OciGenAiErrorCode =
  | 'HTTP'
  | 'CONFIGURATION'
  | 'INVALID_REQUEST'
  | 'CONNECTION'
  | 'STREAM_PARSE'
  | 'INCOMPLETE_STREAM'
  | 'AUTH_PROVIDER';

/**
 * What every error's options may carry.
 *
 * @example
 * ```ts
 * { opcRequestId: '5F1E…', cause: socketError }
 * ```
 */
export interface OciGenAiErrorOptions {
  /** The `opc-request-id` of the request that failed, when the server sent one. */
  readonly opcRequestId?: string | undefined;
  /** The underlying error. */
  readonly cause?: unknown;
}

/**
 * The base class of every error of oci-genai-rx.
 *
 * @example
 * ```ts
 * client.chat(request).subscribe({ error: (e) => e instanceof OciGenAiError && console.error(e.code, e.message) });
 * // HTTP OCI Generative AI answered 429 TooManyRequests: Too many requests (opc-request-id 5F1E…)
 * ```
 */
export abstract class OciGenAiError extends Error {
  /** The stable discriminant: branch on it instead of parsing the message ({@link OciGenAiErrorCode}, or a code another package defines). */
  abstract readonly code: string;
  /** True when trying the same request again may succeed (rate limits, 5xx, resets before any token). */
  readonly retryable: boolean;
  /** The `opc-request-id` of the request that failed, when the server sent one. */
  readonly opcRequestId: string | undefined;

  protected constructor(message: string, options: OciGenAiErrorOptions & { readonly retryable?: boolean } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.retryable = options.retryable ?? false;
    this.opcRequestId = options.opcRequestId;
  }
}

/**
 * The options of an {@link OciHttpError}: what the server said beside its message.
 *
 * @example
 * ```ts
 * { status: 429, ociCode: 'TooManyRequests', opcRequestId: '5F1E…', retryAfterMs: 2000 }
 * ```
 */
export interface OciHttpErrorOptions extends OciGenAiErrorOptions {
  /** The HTTP status. */
  readonly status: number;
  /** OCI's error code (`TooManyRequests`, `NotAuthenticated`, …), or undefined when the body had none. */
  readonly ociCode: string | undefined;
  /** The server's `Retry-After`, in milliseconds, when it sent one. */
  readonly retryAfterMs: number | undefined;
}

/**
 * The service answered with an error status. Subclasses name the meaningful ones. `message` is
 * the server's message; `error.message` frames it with the status, the OCI code, the
 * `opc-request-id` and the subclass's fix.
 *
 * @example
 * ```ts
 * const error = new RateLimitError('Too many requests', { status: 429, ociCode: 'TooManyRequests', opcRequestId: '5F1E…', retryAfterMs: 2000 });
 * error.message; // 'OCI Generative AI answered 429 TooManyRequests: Too many requests (opc-request-id 5F1E…)'
 * ```
 */
export class OciHttpError extends OciGenAiError {
  override readonly name: string = 'OciHttpError';
  readonly code = 'HTTP' as const;
  /** The HTTP status. */
  readonly status: number;
  /** OCI's error code (`TooManyRequests`, `NotAuthenticated`, …), when the body had one. */
  readonly ociCode: string | undefined;
  /** OCI's message, or the first bytes of a non-JSON body. */
  readonly serverMessage: string;
  /** The server's `Retry-After`, in milliseconds, when it sent one. */
  readonly retryAfterMs: number | undefined;

  /** What this class adds after the status line: how to fix it. */
  protected static readonly fix: string = '';

  constructor(message: string, options: OciHttpErrorOptions) {
    const code = options.ociCode === undefined ? '' : ` ${options.ociCode}`;
    const id = options.opcRequestId === undefined ? '' : ` (opc-request-id ${options.opcRequestId})`;
    super(`OCI Generative AI answered ${options.status}${code}: ${message}${id}${new.target.fix}`, {
      retryable: isRetryableStatus(options.status, options.ociCode),
      opcRequestId: options.opcRequestId,
      cause: options.cause,
    });
    this.status = options.status;
    this.ociCode = options.ociCode;
    this.serverMessage = message;
    this.retryAfterMs = options.retryAfterMs;
  }
}

/**
 * 400: the request was rejected as malformed or over a limit.
 *
 * @example
 * ```ts
 * error instanceof BadRequestError && error.ociCode // 'InvalidParameter'
 * ```
 */
export class BadRequestError extends OciHttpError {
  override readonly name = 'BadRequestError';
}

/**
 * 401 NotAuthenticated: the signature, key, clock or token was not accepted.
 *
 * @example
 * ```ts
 * // AuthenticationError: OCI Generative AI answered 401 NotAuthenticated: … Check the key, its fingerprint, …
 * ```
 */
export class AuthenticationError extends OciHttpError {
  override readonly name = 'AuthenticationError';
  protected static override readonly fix: string = '. Check the key, its fingerprint, the tenancy and user OCIDs, and the system clock.';
}

/**
 * 403 NotAuthorized / NotAllowed: authenticated, but no policy allows this.
 *
 * @example
 * ```ts
 * error instanceof PermissionDeniedError && error.status // 403
 * ```
 */
export class PermissionDeniedError extends OciHttpError {
  override readonly name = 'PermissionDeniedError';
  protected static override readonly fix: string = '. An IAM policy must allow "use generative-ai-family" in this compartment.';
}

/**
 * 404 NotAuthorizedOrNotFound: wrong model, endpoint, compartment or region, or no policy.
 *
 * @example
 * ```ts
 * error instanceof NotFoundError && error.ociCode // 'NotAuthorizedOrNotFound'
 * ```
 */
export class NotFoundError extends OciHttpError {
  override readonly name = 'NotFoundError';
  protected static override readonly fix: string = '. Check the model id (or endpoint OCID), the compartment, the region, and IAM policies.';
}

/**
 * 409 IncorrectState / Conflict.
 *
 * @example
 * ```ts
 * error instanceof ConflictError && error.retryable // true for IncorrectState
 * ```
 */
export class ConflictError extends OciHttpError {
  override readonly name = 'ConflictError';
}

/**
 * 429 TooManyRequests.
 *
 * @example
 * ```ts
 * if (error instanceof RateLimitError) await sleep(error.retryAfterMs ?? 1000);
 * ```
 */
export class RateLimitError extends OciHttpError {
  override readonly name = 'RateLimitError';
}

/**
 * 5xx: the service failed.
 *
 * @example
 * ```ts
 * error instanceof ServerError && error.status // 503
 * ```
 */
export class ServerError extends OciHttpError {
  override readonly name = 'ServerError';
}

/**
 * 3xx: OCI never redirects; the signed request is not replayed to another host.
 *
 * @example
 * ```ts
 * error instanceof RedirectError && error.serverMessage // 'redirect to https://elsewhere/…'
 * ```
 */
export class RedirectError extends OciHttpError {
  override readonly name = 'RedirectError';
  protected static override readonly fix: string = '. Redirects are never followed with signed headers: point the client at the right endpoint.';
}

/**
 * True for the statuses whose retry may succeed: 409 IncorrectState, 429, 500, 502, 503, 504.
 *
 * @example
 * ```ts
 * isRetryableStatus(409, 'IncorrectState') // true
 * isRetryableStatus(400, 'InvalidParameter') // false
 * ```
 */
export function isRetryableStatus(status: number, ociCode: string | undefined): boolean {
  if (status === 409) return ociCode === 'IncorrectState';
  return status === 429 || status === 500 || status === 502 || status === 503 || status === 504;
}

/**
 * The options of a {@link ConfigurationError}.
 *
 * @example
 * ```ts
 * { setting: 'key_file', fix: 'Check that the path exists and is readable.', cause: readError }
 * ```
 */
export interface ConfigurationErrorOptions extends OciGenAiErrorOptions {
  /** The setting that is wrong (`compartmentId`, `region`, `key_file`, `pass_phrase`, …). */
  readonly setting: string;
  /** How to fix it, in this library's terms. */
  readonly fix: string;
}

/**
 * A setting needed to reach OCI is missing or wrong: the message names the setting and the fix.
 *
 * @example
 * ```ts
 * new ConfigurationError('No compartment was given.', { setting: 'compartmentId', fix: 'Pass compartmentId to createClient().' })
 * // ConfigurationError: compartmentId: No compartment was given. Pass compartmentId to createClient().
 * ```
 */
export class ConfigurationError extends OciGenAiError {
  override readonly name = 'ConfigurationError';
  readonly code = 'CONFIGURATION' as const;
  /** The setting that is wrong (`compartmentId`, `region`, `key_file`, `pass_phrase`, …). */
  readonly setting: string;
  /** What is wrong with it. */
  readonly problem: string;
  /** How to fix it, in this library's terms (a CLI may reword it in terms of its flags). */
  readonly fix: string;

  /** @param problem what is wrong with the setting. */
  constructor(problem: string, options: ConfigurationErrorOptions) {
    super(`${options.setting}: ${problem} ${options.fix}`, options);
    this.setting = options.setting;
    this.problem = problem;
    this.fix = options.fix;
  }
}

/**
 * The step of an auth provider's set-up that failed: reading the instance metadata service
 * (certificates, region), exchanging them at the federation endpoint for a session token, or
 * reading the resource principal's session.
 */
export type AuthProviderStep = 'instance-metadata' | 'federation' | 'resource-principal';

/**
 * An auth provider could not get its credentials, so the request was not sent. The message says
 * which step failed; `retryable` says whether trying again may help (an unreachable metadata
 * service or federation endpoint may come back; a federation endpoint that refused the
 * certificate will refuse it again). Each request after a failure sets the provider up anew.
 *
 * @example
 * ```ts
 * // AuthProviderError: instance-metadata: the instance metadata service at http://169.254.169.254/opc/v2/ could not be read (connect ECONNREFUSED). Retrying may help …
 * if (error instanceof AuthProviderError && error.step === 'federation' && !error.retryable) alertOperator();
 * ```
 */
export class AuthProviderError extends OciGenAiError {
  override readonly name = 'AuthProviderError';
  readonly code = 'AUTH_PROVIDER' as const;
  /** The set-up step that failed. */
  readonly step: AuthProviderStep;

  constructor(message: string, options: { readonly step: AuthProviderStep; readonly retryable: boolean }) {
    // No cause: a provider's own error may quote a certificate or a token.
    super(`${options.step}: ${message}`, { retryable: options.retryable });
    this.step = options.step;
  }
}

/**
 * The options of an {@link InvalidRequestError}.
 *
 * @example
 * ```ts
 * { field: 'prompt' }
 * ```
 */
export interface InvalidRequestErrorOptions extends OciGenAiErrorOptions {
  /** The request field that is wrong. */
  readonly field: string;
}

/**
 * The request is invalid and was not sent: the message says which field and how to fix it.
 *
 * @example
 * ```ts
 * new InvalidRequestError('prompt is empty. Pass a non-empty prompt.', { field: 'prompt' }).message
 * // 'prompt: prompt is empty. Pass a non-empty prompt.'
 * ```
 */
export class InvalidRequestError extends OciGenAiError {
  override readonly name = 'InvalidRequestError';
  readonly code = 'INVALID_REQUEST' as const;
  /** The request field that is wrong. */
  readonly field: string;

  constructor(message: string, options: InvalidRequestErrorOptions) {
    super(`${options.field}: ${message}`, options);
    this.field = options.field;
  }
}

/**
 * Options of the errors raised while an answer streams.
 *
 * @example
 * ```ts
 * { opcRequestId: '5F1E…', tokensReceived: 3 }
 * ```
 */
export interface StreamErrorOptions extends OciGenAiErrorOptions {
  /** How many text deltas had arrived before the failure. */
  readonly tokensReceived: number;
}

/**
 * The connection failed (refused, reset, closed). Retryable when no token had arrived yet.
 *
 * @example
 * ```ts
 * // ConnectionError: connection to https://inference…/20231130/actions/chat failed after 3 tokens: other side closed
 * ```
 */
export class ConnectionError extends OciGenAiError {
  override readonly name = 'ConnectionError';
  readonly code = 'CONNECTION' as const;
  /** How many text deltas had arrived before the failure. */
  readonly tokensReceived: number;

  constructor(message: string, options: StreamErrorOptions) {
    super(message, { opcRequestId: options.opcRequestId, cause: options.cause, retryable: options.tokensReceived === 0 });
    this.tokensReceived = options.tokensReceived;
  }
}

/**
 * Why a stream could not be read, to branch on (like eventsource-parser's `ParseError.type`):
 * - `not-json`: a `data:` frame is not a JSON object;
 * - `bad-utf8`: the body is not valid UTF-8;
 * - `too-large`: one event grew past `maxEventChars`;
 * - `content-type`: the answer is not `text/event-stream`;
 * - `content-encoding`: the body is compressed with a coding that cannot be undone, or corrupt;
 * - `tool-call`: tool-call fragments that cannot be told apart;
 * - `not-sse`: a line is not server-sent-event syntax (an unknown field, a bad `retry`).
 *
 * @example
 * ```ts
 * if (error instanceof StreamParseError && error.reason === 'too-large') raiseTheLimit();
 * ```
 */
export type StreamParseErrorReason = 'not-json' | 'bad-utf8' | 'too-large' | 'content-type' | 'content-encoding' | 'tool-call' | 'not-sse';

/**
 * The options of a {@link StreamParseError}.
 *
 * @example
 * ```ts
 * { reason: 'not-json', frame: '<html>oops</html>', tokensReceived: 3, opcRequestId: '5F1E…' }
 * ```
 */
export interface StreamParseErrorOptions extends StreamErrorOptions {
  /** Why the stream could not be read. */
  readonly reason: StreamParseErrorReason;
  /** The offending frame or line; `''` when there is none (a content type, bad bytes). */
  readonly frame: string;
}

/**
 * A stream was not what the wire format allows: branch on `reason`. The message quotes the
 * frame, truncated.
 *
 * @example
 * ```ts
 * // StreamParseError: OCI sent a frame that is not JSON: <html>oops</html>
 * error.reason; // 'not-json'
 * ```
 */
export class StreamParseError extends OciGenAiError {
  override readonly name = 'StreamParseError';
  readonly code = 'STREAM_PARSE' as const;
  /** Why the stream could not be read. */
  readonly reason: StreamParseErrorReason;
  /** The offending frame, truncated to 200 characters. */
  readonly frame: string;
  /** How many text deltas had arrived before the bad frame. */
  readonly tokensReceived: number;

  constructor(message: string, options: StreamParseErrorOptions) {
    super(message, options);
    this.reason = options.reason;
    this.frame = options.frame.length > 200 ? `${options.frame.slice(0, 200)}…` : options.frame;
    this.tokensReceived = options.tokensReceived;
    this.reason = options.reason ?? 'frame';
  }
}

/**
 * The stream ended before its finish event: the answer is incomplete. Retryable when no token
 * had arrived yet.
 *
 * @example
 * ```ts
 * // IncompleteStreamError: The stream ended after 5 tokens without a finish event: the answer is incomplete.
 * ```
 */
export class IncompleteStreamError extends OciGenAiError {
  override readonly name = 'IncompleteStreamError';
  readonly code = 'INCOMPLETE_STREAM' as const;
  /** How many text deltas had arrived before the stream ended. */
  readonly tokensReceived: number;

  constructor(message: string, options: StreamErrorOptions) {
    super(message, { opcRequestId: options.opcRequestId, cause: options.cause, retryable: options.tokensReceived === 0 });
    this.tokensReceived = options.tokensReceived;
  }
}

/**
 * True when `error` is an {@link OciGenAiError} whose retry may succeed.
 *
 * @example
 * ```ts
 * isRetryable(new RateLimitError('Too many requests', { status: 429, … })) // true
 * isRetryable(new Error('boom')) // false
 * ```
 */
export function isRetryable(error: unknown): boolean {
  return error instanceof OciGenAiError && error.retryable;
}
