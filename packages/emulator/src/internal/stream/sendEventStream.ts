import type { Exchange } from '../server/Exchange.js';
import { ByteWriter } from './ByteWriter.js';
import { sleep } from './sleep.js';
import { SseWriter } from './SseWriter.js';

/** One server-sent event's data, and whether it carries generated content. */
export interface StreamItem {
  readonly data: string;
  /** Text, reasoning or tool-call pieces: paced by the token interval and counted by the `*-after=N` faults. */
  readonly delta: boolean;
  /** The SSE event name (`event:` line): the Responses route names every event by its type. */
  readonly event?: string;
}

/**
 * Streams `items` as `text/event-stream`, lazily (one item generated per event sent), paced
 * by the request's settings. The request's faults act through their hooks (`exchange.faults`):
 * framing, keep-alive, what happens after N deltas, and the end. Stops writing and clears its
 * timers as soon as the connection closes.
 *
 * @example
 * await sendEventStream(exchange, [{ data: '{"text":"Hi"}', delta: true }, { data: '[DONE]', delta: false }]);
 */
export async function sendEventStream(exchange: Exchange, items: Iterable<StreamItem>): Promise<void> {
  const { res, faults, settings, closed, counters } = exchange;
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  res.flushHeaders();
  counters.values.activeStreams += 1;
  res.once('close', () => {
    counters.values.activeStreams -= 1;
  });
  const bytes = new ByteWriter(res, faults.cutting, closed);
  const sse = new SseWriter(bytes, faults.framing(settings.tokenIntervalMs > 0));
  const keepalive = faults.startKeepalive(sse, closed);
  const controls = {
    sse,
    bytes,
    disconnect: () => {
      keepalive.stop();
      exchange.settled = true;
      res.socket?.destroy();
    },
  };

  let deltas = 0;
  await sleep(settings.ttftMs, closed);
  if (closed.aborted || (await faults.afterDeltas(deltas, controls))) return;
  for (const item of items) {
    if (item.delta && deltas > 0) await sleep(settings.tokenIntervalMs, closed);
    if (closed.aborted) return;
    await sse.push(item.data, item.event);
    if (item.delta) {
      deltas += 1;
      counters.values.deltasSent += 1;
      if (await faults.afterDeltas(deltas, controls)) return;
    }
  }
  keepalive.stop();
  await sse.flush();
  if (closed.aborted) return;
  exchange.settled = true;
  counters.values.streamsCompleted += 1;
  faults.endStream(res);
}
