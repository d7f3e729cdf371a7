import type { ServerResponse } from 'node:http';
import { ByteWriter } from '../stream/ByteWriter.js';
import type { CounterState } from './CounterState.js';
import type { Exchange } from './Exchange.js';
import type { FaultHooks } from '../faults/FaultHooks.js';
import type { ServiceError } from './ServiceError.js';

/**
 * Sends a JSON response, cut into writes by the `chunk-bytes`/`split-utf8` faults.
 *
 * @example
 * await sendJson(exchange, 200, { modelId: 'meta.llama-3.3-70b-instruct', chatResponse });
 */
export async function sendJson(exchange: Exchange, status: number, body: unknown): Promise<void> {
  const bytes = Buffer.from(JSON.stringify(body), 'utf8');
  const { res } = exchange;
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(bytes.length) });
  await new ByteWriter(res, exchange.faults.cutting, exchange.closed).write(bytes);
  if (exchange.closed.aborted) return;
  exchange.settled = true;
  res.end();
}

/**
 * Sends an OCI error in the body the faults choose: `{"code","message"}` as JSON, or, under
 * the `non-json-error` fault, the HTML page a proxy in front of the service would send.
 *
 * @example
 * sendError(res, new ServiceError('Slow down.', { status: 429, code: 'TooManyRequests' }), FaultHooks.none, counters);
 */
export function sendError(res: ServerResponse, error: ServiceError, faults: FaultHooks, counters: CounterState): void {
  if (res.headersSent) {
    res.socket?.destroy();
    return;
  }
  if (error.status >= 400) counters.values.errorsSent += 1;
  if (error.status === 401) counters.values.unauthenticated += 1;
  const { body, contentType } = faults.errorBody(error);
  res.writeHead(error.status, {
    ...error.headers,
    'content-type': contentType,
    'content-length': String(Buffer.byteLength(body)),
  });
  res.end(body);
}
