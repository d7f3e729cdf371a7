import { ByteWriter } from './ByteWriter.js';
import type { Exchange } from '../server/Exchange.js';
import { SseWriter } from './SseWriter.js';
import { sleep } from './sleep.js';

/** One server-sent event's data, and whether it carries generated content. */
export interface StreamItem {
  readonly data: string;
  /** Text, reasoning or tool-call pieces: paced by the token interval and counted by the `*-after=N` faults. */
  readonly delta: boolean;
}

const lineEndings = { lf: '\n', crlf: '\r\n', cr: '\r' } as const;

/**
 * Streams `items` as `text/event-stream`, lazily (one item generated per event sent),
 * with the request's timing and the stream faults: keep-alive comments, garbage frames,
 * a disconnect or a stall after N deltas, lingering after the end. Stops writing and
 * clears its timers as soon as the connection closes.
 *
 * @example
 * await streamEvents(exchange, [{ data: '{"text":"Hi"}', delta: true }, { data: '[DONE]', delta: false }]);
 */
export async function streamEvents(exchange: Exchange, items: Iterable<StreamItem>): Promise<void> {
  const { res, faults, settings, closed, counters } = exchange;
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  res.flushHeaders();
  counters.values.activeStreams += 1;
  res.once('close', () => {
    counters.values.activeStreams -= 1;
  });
  const bytes = new ByteWriter(res, faults, closed);
  const sse = new SseWriter(bytes, {
    lineEnding: lineEndings[faults.lineEnding ?? 'lf'],
    eventsPerWrite: faults.eventsPerWrite,
    eachEvent: settings.tokenIntervalMs > 0,
    noFinalNewline: faults.noFinalNewline === true,
  });
  const keepalive = startKeepalive(sse, faults.keepaliveMs, closed);

  let deltas = 0;
  // What the `*-after=N` faults do once N deltas are out; true means "stop streaming".
  const checkpoint = async (): Promise<boolean> => {
    if (deltas === faults.garbageAfter) await sse.push('<html>oops</html>');
    if (deltas === faults.disconnectAfter) {
      await sse.flush();
      await bytes.flushed();
      keepalive.stop();
      exchange.settled = true;
      res.socket?.destroy();
      return true;
    }
    if (deltas === faults.stallAfter) {
      await sse.flush();
      return true;
    }
    return false;
  };

  await sleep(settings.ttftMs, closed);
  if (closed.aborted || (await checkpoint())) return;
  for (const item of items) {
    if (item.delta && deltas > 0) await sleep(settings.tokenIntervalMs, closed);
    if (closed.aborted) return;
    await sse.push(item.data);
    if (item.delta) {
      deltas += 1;
      counters.values.deltasSent += 1;
      if (await checkpoint()) return;
    }
  }
  keepalive.stop();
  await sse.flush();
  if (closed.aborted) return;
  exchange.settled = true;
  counters.values.streamsCompleted += 1;
  if (faults.linger !== true) res.end();
}

function startKeepalive(sse: SseWriter, everyMs: number | undefined, closed: AbortSignal): { stop(): void } {
  if (everyMs === undefined) return { stop: () => undefined };
  const timer = setInterval(() => {
    if (!sse.busy && !closed.aborted) void sse.comment();
  }, everyMs);
  const stop = (): void => clearInterval(timer);
  closed.addEventListener('abort', stop, { once: true });
  return { stop };
}
