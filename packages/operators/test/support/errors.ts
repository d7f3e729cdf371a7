import { BadRequestError, ConnectionError, RateLimitError, ServerError } from '@oci-genai-rx/core';

/** A 429 from OCI, with the server's Retry-After when given. */
export function rateLimited(retryAfterMs?: number): RateLimitError {
  return new RateLimitError({ status: 429, ociCode: 'TooManyRequests', serverMessage: 'Too many requests', opcRequestId: 'req-429', retryAfterMs });
}

/** A 503 from OCI. */
export function unavailable(): ServerError {
  return new ServerError({ status: 503, ociCode: 'ServiceUnavailable', serverMessage: 'Try later', opcRequestId: 'req-503', retryAfterMs: undefined });
}

/** A 400 from OCI: never retryable. */
export function badRequest(): BadRequestError {
  return new BadRequestError({ status: 400, ociCode: 'InvalidParameter', serverMessage: 'Bad prompt', opcRequestId: 'req-400', retryAfterMs: undefined });
}

/** The connection dropped after `tokensReceived` tokens. */
export function connectionReset(tokensReceived: number): ConnectionError {
  return new ConnectionError(`connection reset after ${tokensReceived} tokens`, { tokensReceived });
}
