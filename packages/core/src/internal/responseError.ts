import type { Dispatcher } from 'undici';
import {
  AuthenticationError,
  BadRequestError,
  ConflictError,
  NotFoundError,
  OciHttpError,
  PermissionDeniedError,
  RateLimitError,
  RedirectError,
  ServerError,
} from '../errors.js';
import { headerValue } from './headerValue.js';

/** Error bodies are small; a proxy's HTML page is not read past this. */
const MAX_ERROR_BODY_BYTES = 64 * 1024;
/**
 * Retry-After values above this (a misconfigured proxy, a date years ahead) are capped to it: a
 * hint is never a reason to wait for days. retryStream caps what it honours lower
 * (maxRetryAfterMs, default 60 s).
 */
const MAX_RETRY_AFTER_MS = 24 * 60 * 60 * 1000;

/** Reads at most MAX_ERROR_BODY_BYTES of the body, then releases it. */
async function readErrorBody(body: Dispatcher.ResponseData['body']): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    chunks.push(chunk);
    size += chunk.length;
    if (size >= MAX_ERROR_BODY_BYTES) break;
  }
  body.destroy();
  return Buffer.concat(chunks).subarray(0, MAX_ERROR_BODY_BYTES).toString('utf8');
}

/**
 * Milliseconds to wait from a `Retry-After` header (RFC 9110: delta seconds or an HTTP date),
 * capped at one day; undefined when the header is absent, not one of those (a negative number,
 * garbage, more than nine digits), or not in the future: then the caller's backoff decides.
 *
 * @example
 * ```ts
 * parseRetryAfter('2') // 2000
 * parseRetryAfter('-5') // undefined
 * parseRetryAfter('soon') // undefined
 * ```
 */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  const text = value?.trim() ?? '';
  let ms: number;
  if (/^\d{1,9}(\.\d{1,3})?$/.test(text)) ms = Number(text) * 1000;
  else if (/^[A-Za-z]{3}, \d{2} [A-Za-z]{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/.test(text)) ms = Date.parse(text) - now;
  else return undefined;
  if (!(ms > 0)) return undefined;
  return Math.min(Math.round(ms), MAX_RETRY_AFTER_MS);
}

/** OCI's `{code, message}`, or the first bytes of a body that is not that JSON. */
function errorBodyFields(text: string): { ociCode: string | undefined; serverMessage: string } {
  try {
    const json = JSON.parse(text) as { code?: unknown; message?: unknown };
    if (typeof json === 'object' && json !== null && (json.code !== undefined || json.message !== undefined)) {
      return {
        ociCode: typeof json.code === 'string' || typeof json.code === 'number' ? String(json.code) : undefined,
        serverMessage: typeof json.message === 'string' ? json.message : JSON.stringify(json.message ?? ''),
      };
    }
  } catch {
    // Not JSON (a proxy's page): fall through and keep its first bytes as the message.
  }
  const excerpt = text.replace(/\s+/g, ' ').trim().slice(0, 200);
  return { ociCode: undefined, serverMessage: excerpt === '' ? '(empty body)' : excerpt };
}

/** The typed error for a response whose status is not 200; consumes and releases its body. */
export async function responseError(response: Dispatcher.ResponseData): Promise<OciHttpError> {
  const text = await readErrorBody(response.body);
  const { serverMessage, ociCode } = errorBodyFields(text);
  const options = {
    status: response.statusCode,
    ociCode,
    opcRequestId: headerValue(response.headers, 'opc-request-id'),
    retryAfterMs: parseRetryAfter(headerValue(response.headers, 'retry-after')),
  };
  const status = response.statusCode;
  if (status >= 300 && status < 400) {
    const location = headerValue(response.headers, 'location');
    return new RedirectError(`redirect to ${location ?? '(no location)'}`, options);
  }
  if (status === 400 || status === 413) return new BadRequestError(serverMessage, options);
  if (status === 401) return new AuthenticationError(serverMessage, options);
  if (status === 403) return new PermissionDeniedError(serverMessage, options);
  if (status === 404) return new NotFoundError(serverMessage, options);
  if (status === 409) return new ConflictError(serverMessage, options);
  if (status === 429) return new RateLimitError(serverMessage, options);
  if (status >= 500) return new ServerError(serverMessage, options);
  return new OciHttpError(serverMessage, options);
}
