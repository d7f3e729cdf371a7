import { map } from 'rxjs';
import { sseFrame } from '../sseFrame.js';
import type { StreamProtocol } from '../StreamProtocol.js';

/**
 * The page's own protocol (`POST /api/chat`): each chat event as a server-sent event of its
 * type (`start`, `text`, `reasoning`, `tool-call`, `finish`, `usage`) with the event as JSON
 * data, then `done`; or one `error` event with the `BrowserError`.
 *
 * @example
 * relayAnswer(client.chat(request), res, chatEventsProtocol);
 * // event: start\ndata: {"type":"start","opcRequestId":"E869…",…}\n\n
 * // event: text\ndata: {"type":"text","text":"Why"}\n\n
 * // …
 * // event: done\ndata: {}\n\n
 */
export const chatEventsProtocol: StreamProtocol = {
  headers: { 'content-type': 'text/event-stream; charset=utf-8' },
  frames: (answer) => answer.pipe(map((event) => sseFrame(event.type, event))),
  errorFrame: (error) => sseFrame('error', error),
  endFrame: sseFrame('done', {}),
};
