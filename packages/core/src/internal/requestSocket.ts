import { subscribe } from 'node:diagnostics_channel';
import type { Socket } from 'node:net';

/**
 * Which socket carries one of our requests, so that a cancel can close that socket itself.
 *
 * Written by hand as a workaround for undici (7.30, and 8.x: nodejs/undici#5845, fix pending in
 * #5846): when a request is aborted while its response streams, undici destroys the socket
 * with an informational error, puts the aborted request back in the pending queue, and
 * `_resume` opens a new connection for it before noticing it was aborted. Every cancel then
 * costs two TCP connections (two TLS handshakes against OCI), the second never used. Closing
 * the socket with an ordinary error first, and aborting a turn later, fails the request
 * instead of re-queueing it: one connection per cancel.
 *
 * undici publishes `undici:request:create` synchronously inside the `request()` call when a
 * connection slot is free, and `undici:client:sendHeaders` with the socket when it writes the
 * request; a slot marked `current` during our call links the two. A request queued for a slot
 * is created later and gets no socket: it is then aborted the usual way.
 */
export interface RequestSocket {
  /** The socket, once undici wrote the request's headers on it. */
  socket: Socket | undefined;
}

let current: RequestSocket | undefined;
const slots = new WeakMap<object, RequestSocket>();

subscribe('undici:request:create', (message) => {
  if (current !== undefined) slots.set((message as { request: object }).request, current);
});
subscribe('undici:client:sendHeaders', (message) => {
  const { request, socket } = message as { request: object; socket: Socket };
  const slot = slots.get(request);
  if (slot !== undefined) slot.socket = socket;
});

/** Runs `send` (which calls undici's `request()`) with `slot` receiving the request's socket. */
export function withRequestSocket<T>(slot: RequestSocket, send: () => T): T {
  current = slot;
  try {
    return send();
  } finally {
    current = undefined;
  }
}
