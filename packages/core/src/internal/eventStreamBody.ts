import type { IncomingHttpHeaders } from 'node:http';
import type { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { headerValue } from './headerValue.js';

/** Why a 200 response cannot be read as an event stream. */
export type EventStreamProblem = 'content-type' | 'content-encoding';

/** Builds the error to raise for a problem (the caller knows the request id and the tokens so far). */
export type RefuseEventStream = (reason: EventStreamProblem, message: string, cause?: unknown) => Error;

/**
 * True when a Content-Type header names `text/event-stream`. RFC 9110 §8.3.1: type and subtype
 * are case-insensitive and parameters may follow, so `Text/Event-Stream;charset=UTF-8` is the
 * same media type.
 *
 * @example
 * isEventStream('Text/Event-Stream; charset=UTF-8') // true
 * isEventStream('application/json') // false
 */
export function isEventStream(contentType: string | undefined): boolean {
  if (contentType === undefined) return false;
  const semicolon = contentType.indexOf(';');
  return (semicolon === -1 ? contentType : contentType.slice(0, semicolon)).trim().toLowerCase() === 'text/event-stream';
}

/**
 * The content codings decoded as a stream, by node:zlib. `deflate` is the zlib format, as
 * RFC 9110 §8.4.1.2 defines it. zstd is missing on purpose: Node 20 has no zstd decoder, and
 * decoding zstd one frame at a time is what broke other OCI clients.
 */
const DECODERS: Readonly<Record<string, (() => Transform) | undefined>> = {
  gzip: createGunzip,
  'x-gzip': createGunzip,
  deflate: createInflate,
  br: createBrotliDecompress,
};

/**
 * The body of a 200 response as the bytes of an event stream. The Content-Type is checked; a
 * Content-Encoding (a proxy may compress although the client asked for `identity`) is undone
 * chunk by chunk, for gzip, deflate, br and lists of them (`gzip, br`). zstd, unknown codings
 * and corrupt compressed data are raised through `refuse` with reason `content-encoding`.
 * Leaving the iteration early destroys the decoders and the body.
 *
 * @example
 * for await (const chunk of eventStreamBody(response.headers, response.body, refuse)) decoder.push(chunk);
 */
export function eventStreamBody(headers: IncomingHttpHeaders, body: Readable, refuse: RefuseEventStream): AsyncIterable<Uint8Array> {
  const contentType = headerValue(headers, 'content-type');
  if (!isEventStream(contentType)) {
    throw refuse('content-type', `OCI answered ${contentType || 'no content type'} instead of text/event-stream.`);
  }
  const coding = headerValue(headers, 'content-encoding');
  // Codings were applied in the order listed, so they are undone from the last (RFC 9110 §8.4).
  const codings = (coding ?? '').split(',').map((c) => c.trim().toLowerCase()).filter((c) => c !== '' && c !== 'identity').reverse();
  if (codings.length === 0) return body;
  const decoders = codings.map((name) => {
    const decoder = DECODERS[name]?.();
    if (decoder !== undefined) return decoder;
    body.destroy();
    throw refuse('content-encoding', name === 'zstd'
      ? 'The stream came zstd-compressed (Content-Encoding: zstd), which Node 20 cannot decode. The client asks for identity: turn off compression in the proxy or gateway in front of OCI.'
      : `The stream came with Content-Encoding: ${coding ?? ''}, which the client cannot decode (it reads gzip, deflate and br). Turn off compression in the proxy or gateway in front of OCI.`);
  });
  const last = decoders[decoders.length - 1]!;
  // pipeline destroys every stage when one fails or the reader leaves.
  pipeline([body, ...decoders], () => undefined);
  return decodingErrorsRefused(last, coding ?? '', refuse);
}

async function* decodingErrorsRefused(decoded: Readable, coding: string, refuse: RefuseEventStream): AsyncGenerator<Uint8Array> {
  try {
    for await (const chunk of decoded as AsyncIterable<Uint8Array>) yield chunk;
  } catch (error) {
    // zlib errors carry a Z_* code (Z_DATA_ERROR, Z_BUF_ERROR); anything else is the connection's.
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && /^(Z_|ERR__?BROTLI|ERR_ZLIB)/.test(code)) {
      throw refuse('content-encoding', `The ${coding}-compressed stream is corrupt (${(error as Error).message}).`, error);
    }
    throw error;
  } finally {
    decoded.destroy();
  }
}
