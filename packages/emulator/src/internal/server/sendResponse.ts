import type { ServerResponse } from 'node:http';
import { ByteWriter } from '../stream/ByteWriter.js';
import type { CounterState } from './CounterState.js';
import type { Exchange } from './Exchange.js';
import type { FaultSpec } from '../faults/FaultSpec.js';
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
  await new ByteWriter(res, exchange.faults, exchange.closed).write(bytes);
  if (exchange.closed.aborted) return;
  exchange.settled = true;
  res.end();
}

/**
 * Sends an OCI error: `{"code","message"}` as JSON, or, under the `non-json-error`
 * fault, the HTML page a proxy in front of the service would send.
 *
 * @example
 * sendError(res, new ServiceError(429, 'TooManyRequests', 'Slow down.'), {}, counters);
 */
export function sendError(res: ServerResponse, error: ServiceError, faults: FaultSpec, counters: CounterState): void {
  if (res.headersSent) {
    res.socket?.destroy();
    return;
  }
  if (error.status >= 400) counters.values.errorsSent += 1;
  if (error.status === 401) counters.values.unauthenticated += 1;
  const html = faults.nonJsonError === true;
  const body = html
    ? `<html>\r\n<head><title>${error.status} ${error.code}</title></head>\r\n<body>\r\n<center><h1>${error.status} ${error.code}</h1></center>\r\n<hr><center>emulated-proxy</center>\r\n</body>\r\n</html>\r\n`
    : JSON.stringify({ code: error.code, message: error.message });
  res.writeHead(error.status, {
    ...error.headers,
    'content-type': html ? 'text/html' : 'application/json',
    'content-length': String(Buffer.byteLength(body)),
  });
  res.end(body);
}
