import type { IncomingMessage } from 'node:http';
import { ServiceError } from './ServiceError.js';

/**
 * Reads the request body, up to `maxBytes`. A body declared or found to be bigger is
 * refused with 413 LimitExceeded at once, without reading the rest (the response closes
 * the connection, since the unread body would otherwise be taken for the next request).
 * Rejects with a plain Error when the client goes away mid-body.
 *
 * @example
 * const body = await readBody(req, 1024 * 1024); // Buffer
 */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const tooLarge = (): ServiceError =>
    new ServiceError(`The request body is larger than the limit of ${maxBytes} bytes.`, { status: 413, code: 'LimitExceeded', headers: { connection: 'close' } });
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    req.pause();
    return Promise.reject(tooLarge());
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const cleanup = (): void => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onGone);
      req.off('close', onGone);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > maxBytes) {
        cleanup();
        req.pause();
        reject(tooLarge());
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => {
      cleanup();
      resolve(Buffer.concat(chunks, size));
    };
    const onGone = (): void => {
      cleanup();
      reject(new Error('The client closed the connection before sending the whole body'));
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onGone);
    req.on('close', onGone);
  });
}
