/**
 * An error the emulator answers with, as OCI does: an HTTP status and a body
 * `{"code": "...", "message": "..."}`. Thrown anywhere in request handling and turned
 * into a response in one place.
 *
 * @example
 * throw new ServiceError(400, 'MissingParameter', 'The request body has no compartmentId.');
 */
export class ServiceError extends Error {
  override readonly name = 'ServiceError';

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
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
