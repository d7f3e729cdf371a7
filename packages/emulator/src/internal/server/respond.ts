import type { Exchange } from './Exchange.js';
import { sendJson } from './sendResponse.js';
import { sleep } from '../stream/sleep.js';
import { sendEventStream, type StreamItem } from '../stream/sendEventStream.js';

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
    await sendEventStream(exchange, events());
    return;
  }
  await sleep(exchange.settings.ttftMs, exchange.closed);
  if (exchange.closed.aborted) return;
  const dropped = exchange.faults.insteadOfJson(() => {
    exchange.settled = true;
    exchange.res.socket?.destroy();
  });
  if (dropped) return;
  await sendJson(exchange, 200, body());
}
