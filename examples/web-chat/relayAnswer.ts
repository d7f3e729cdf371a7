import type { ServerResponse } from 'node:http';
import type { ChatEvent } from '@oci-genai-rx/core';
import type { Observable } from 'rxjs';
import { tap } from 'rxjs';
import { browserError } from './browserError.js';
import type { StreamProtocol } from './StreamProtocol.js';

/** What the relay tells the server's log. */
export interface RelayLog {
  (line: string): void;
}

/**
 * Relays an answer to the browser in a stream protocol (see {@link StreamProtocol}): its
 * frames as they come, then the protocol's end frame; or, when the answer fails, its error
 * frame (see `browserError`) and the end of the response.
 *
 * The browser's side is the one that ends an answer early: when its connection closes (the
 * stop button aborts the fetch, or the tab closes), the response's `close` event unsubscribes,
 * which aborts the upstream OCI request and frees its connection. (The request's `close` would
 * not do: for a POST it fires as soon as the body has been read.)
 *
 * @param answer The answer, e.g. `client.chat(request)`; subscribed once, here.
 * @example
 * relayAnswer(client.chat({ model, messages }), res, chatEventsProtocol, console.log);
 */
export function relayAnswer(answer: Observable<ChatEvent>, res: ServerResponse, protocol: StreamProtocol, log: RelayLog = () => undefined): void {
  res.writeHead(200, {
    ...protocol.headers,
    'cache-control': 'no-cache, no-transform',
    // Proxies such as nginx buffer responses unless told otherwise; tokens must not wait.
    'x-accel-buffering': 'no',
  });
  res.flushHeaders();
  let requestId = '';
  let ended = false;
  const noteRequestId = tap((event: ChatEvent) => {
    if (event.type === 'start') requestId = ` (opc-request-id ${event.opcRequestId})`;
  });
  // Writes are not paced by the socket's backpressure: a chat answer is a few kilobytes.
  const subscription = protocol.frames(answer.pipe(noteRequestId)).subscribe({
    next: (frame) => res.write(frame),
    error: (error: unknown) => {
      ended = true;
      log(`chat failed${requestId}: ${error instanceof Error ? error.message : String(error)}`);
      res.end(protocol.errorFrame(browserError(error)));
    },
    complete: () => {
      ended = true;
      log(`chat answered${requestId}`);
      res.end(protocol.endFrame);
    },
  });
  res.on('close', () => {
    if (ended) return;
    log(`chat stopped by the browser${requestId}`);
    subscription.unsubscribe();
  });
}
