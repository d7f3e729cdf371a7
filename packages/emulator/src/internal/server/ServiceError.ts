/**
 * An error the emulator answers with, as OCI does: an HTTP status and a body
 * `{"code": "...", "message": "..."}`. Thrown anywhere in request handling and turned
 * into a response in one place.
 *
 * @example
 * throw new ServiceError('The request body has no compartmentId.', { status: 400, code: 'MissingParameter' });
 */
export class ServiceError extends Error {
  override readonly name = 'ServiceError';
  /** The HTTP status of the answer. */
  readonly status: number;
  /** OCI's error code (`InvalidParameter`, `NotAuthenticated`, …). */
  readonly code: string;
  /** Extra response headers (`retry-after`, `location`, `allow`). */
  readonly headers: Readonly<Record<string, string>>;

  constructor(message: string, options: ServiceErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.status = options.status;
    this.code = options.code;
    this.headers = options.headers ?? {};
  }
}

/**
 * The options of a {@link ServiceError}.
 *
 * @example
 * const options: ServiceErrorOptions = { status: 503, code: 'ServiceUnavailable', headers: { 'retry-after': '2' } };
 */
export interface ServiceErrorOptions {
  readonly status: number;
  readonly code: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly cause?: unknown;
}

const codeByStatus: Readonly<Record<number, string>> = {
  400: 'InvalidParameter',
  401: 'NotAuthenticated',
  403: 'NotAuthorized',
  404: 'NotAuthorizedOrNotFound',
  405: 'MethodNotAllowed',
  409: 'IncorrectState',
  413: 'LimitExceeded',
  429: 'TooManyRequests',
  500: 'InternalServerError',
  502: 'BadGateway',
  503: 'ServiceUnavailable',
  504: 'GatewayTimeout',
};

/**
 * The OCI error code that goes with an HTTP status (the wire spec's table), for
 * statuses requested by the `status=` fault.
 *
 * @example
 * ociCodeForStatus(429); // 'TooManyRequests'
 */
export function ociCodeForStatus(status: number): string {
  return codeByStatus[status] ?? (status >= 500 ? 'InternalServerError' : 'InvalidParameter');
}
