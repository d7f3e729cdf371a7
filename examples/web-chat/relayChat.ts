import type { ServerResponse } from 'node:http';
import type { ChatEvent } from '@oci-genai-rx/core';
import type { Observable } from 'rxjs';
import { browserError } from './browserError.js';
import { sseFrame } from './sseFrame.js';

/** What the relay tells the server's log. */
export interface RelayLog {
  (line: string): void;
}

/**
 * Relays an answer to the browser as server-sent events: each chat event as an event of its
 * type (`start`, `text`, `reasoning`, `tool-call`, `finish`, `usage`) with the event as JSON
 * data, then `done`; or an `error` event (see `browserError`) when the answer fails.
 *
 * The browser's side is the one that ends an answer early: when its connection closes (the
 * stop button aborts the fetch, or the tab closes), the response's `close` event unsubscribes,
 * which aborts the upstream OCI request and frees its connection. (The request's `close` would
 * not do: for a POST it fires as soon as the body has been read.)
 *
 * @param answer The answer, e.g. `client.chat(request)`; subscribed once, here.
 * @example
 * relayChat(client.chat({ model, messages }), res, console.log);
 */
export function relayChat(answer: Observable<ChatEvent>, res: ServerResponse, log: RelayLog = () => undefined): void {
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    // Proxies such as nginx buffer responses unless told otherwise; tokens must not wait.
    'x-accel-buffering': 'no',
  });
  res.flushHeaders();
  let requestId = '';
  let ended = false;
  // Writes are not paced by the socket's backpressure: a chat answer is a few kilobytes.
  const subscription = answer.subscribe({
    next: (event) => {
      if (event.type === 'start') requestId = ` (opc-request-id ${event.opcRequestId})`;
      res.write(sseFrame(event.type, event));
    },
    error: (error: unknown) => {
      ended = true;
      log(`chat failed${requestId}: ${error instanceof Error ? error.message : String(error)}`);
      res.end(sseFrame('error', browserError(error)));
    },
    complete: () => {
      ended = true;
      log(`chat answered${requestId}`);
      res.end(sseFrame('done', {}));
    },
  });
  res.on('close', () => {
    if (ended) return;
    log(`chat stopped by the browser${requestId}`);
    subscription.unsubscribe();
  });
}
