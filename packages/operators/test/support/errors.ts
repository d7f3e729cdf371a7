import { BadRequestError, ConnectionError, RateLimitError, ServerError } from '@oci-genai-rx/core';

/** A 429 from OCI, with the server's Retry-After when given. */
export function rateLimited(retryAfterMs?: number): RateLimitError {
  return new RateLimitError('Too many requests', { status: 429, ociCode: 'TooManyRequests', opcRequestId: 'req-429', retryAfterMs });
}

/** A 503 from OCI. */
export function unavailable(): ServerError {
  return new ServerError('Try later', { status: 503, ociCode: 'ServiceUnavailable', opcRequestId: 'req-503', retryAfterMs: undefined });
}

/** A 400 from OCI: never retryable. */
export function badRequest(): BadRequestError {
  return new BadRequestError('Bad prompt', { status: 400, ociCode: 'InvalidParameter', opcRequestId: 'req-400', retryAfterMs: undefined });
}

/** The connection dropped after `tokensReceived` tokens. */
export function connectionReset(tokensReceived: number): ConnectionError {
  return new ConnectionError(`connection reset after ${tokensReceived} tokens`, { tokensReceived });
}
