import type { Exchange } from './Exchange.js';
import { sendJson } from './sendResponse.js';
import { sleep } from '../stream/sleep.js';
import { streamEvents, type StreamItem } from '../stream/streamEvents.js';

/**
 * Answers a request that passed its checks: as a stream of `events()`, or after the
 * time to first token as the JSON `body()`. Without a stream the `disconnect-after`
 * fault drops the connection instead of answering and `stall-after` never answers.
 *
 * @example
 * await respond(exchange, input.stream, () => genericEvents(input, answer, tool, done), () => genericResponse(input, answer, tool, now));
 */
export async function respond(exchange: Exchange, stream: boolean, events: () => Iterable<StreamItem>, body: () => unknown): Promise<void> {
  if (stream) {
    await streamEvents(exchange, events());
    return;
  }
  await sleep(exchange.settings.ttftMs, exchange.closed);
  if (exchange.closed.aborted) return;
  if (exchange.faults.disconnectAfter !== undefined) {
    exchange.settled = true;
    exchange.res.socket?.destroy();
    return;
  }
  if (exchange.faults.stallAfter !== undefined) return;
  await sendJson(exchange, 200, body());
}
