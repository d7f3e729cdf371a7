import { OciGenAiError } from '@oci-genai-rx/core';

/** An error as the page shows it: readable, with the request id to quote to support. */
export interface BrowserError {
  /** The error's class, e.g. `RateLimitError`. */
  readonly name: string;
  /** The library's error code (`HTTP`, `CONNECTION`, …), or `INTERNAL`. */
  readonly code: string;
  readonly message: string;
  readonly status?: number;
  readonly opcRequestId?: string;
  /** True when sending the same message again may work (a rate limit, a 5xx). */
  readonly retryable: boolean;
}

/**
 * What the browser may see of an error. The library's errors are made to be shown (they never
 * carry keys, tokens or signed headers); anything else may hold server internals, so the page
 * gets a generic message and the server's log gets the details.
 *
 * @example
 * browserError(rateLimitError); // { name: 'RateLimitError', code: 'HTTP', status: 429, message: 'OCI Generative AI answered 429 …', opcRequestId: '7A2B…', retryable: true }
 */
export function browserError(error: unknown): BrowserError {
  if (!(error instanceof OciGenAiError)) {
    return { name: 'Error', code: 'INTERNAL', message: 'The chat server failed; its log has the details.', retryable: false };
  }
  const status = (error as { status?: unknown }).status;
  return {
    name: error.name,
    code: error.code,
    message: error.message,
    ...(typeof status === 'number' && { status }),
    ...(error.opcRequestId !== undefined && { opcRequestId: error.opcRequestId }),
    retryable: error.retryable,
  };
}
