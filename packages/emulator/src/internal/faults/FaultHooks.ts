import type { IncomingMessage, ServerResponse } from 'node:http';
import { ociCodeForStatus, ServiceError } from '../server/ServiceError.js';
import type { ByteWriter, WriteCutting } from '../stream/ByteWriter.js';
import type { SseFraming, SseWriter } from '../stream/SseWriter.js';
import type { Faults } from './FaultSpec.js';

const lineEndings = { lf: '\n', crlf: '\r\n', cr: '\r' } as const;

/** What a stream lets the `*-after=N` faults do to it. */
export interface StreamControls {
  readonly sse: SseWriter;
  readonly bytes: ByteWriter;
  /** Drops the connection without an end (the response counts as settled). */
  readonly disconnect: () => void;
}

/** A running keep-alive timer. */
export interface Keepalive {
  stop(): void;
}

/**
 * Every place a fault takes effect, as hooks the server and the stream call at their fixed
 * points: before the service answers, on an error body, on the byte and SSE framing, after
 * each delta, at the end of the stream, and instead of a JSON answer. Without faults every
 * hook does what the real service does.
 *
 * @example
 * const hooks = new FaultHooks(parseFaultSpec('disconnect-after=3'));
 * await hooks.afterDeltas(3, controls); // true: the connection was dropped, stop streaming
 */
export class FaultHooks {
  /** The hooks of a response without faults. */
  static readonly none = new FaultHooks({});

  constructor(private readonly faults: Faults) {}

  /** How the byte stream is cut into socket writes (`chunk-bytes`, `split-utf8`). */
  get cutting(): WriteCutting {
    return this.faults;
  }

  /** `redirect`, `status` (with `retry-after`) and `non-json-error` answer before the service would. */
  beforeService(req: IncomingMessage): void {
    const { faults } = this;
    if (faults.redirect === true) {
      const location = `http://redirected.emulator.invalid${req.url ?? '/'}`;
      throw new ServiceError('The emulator redirects this request to another host (redirect fault).', { status: 307, code: 'TemporaryRedirect', headers: { location } });
    }
    const status = faults.status ?? (faults.nonJsonError === true ? 502 : undefined);
    if (status === undefined) return;
    const headers: Record<string, string> = faults.retryAfter === undefined ? {} : { 'retry-after': faults.retryAfter };
    throw new ServiceError(`Injected fault: status ${status}.`, { status: status, code: ociCodeForStatus(status), headers: headers });
  }

  /** The body of an error: `{"code","message"}`, or under `non-json-error` the HTML page a proxy would send. */
  errorBody(error: ServiceError): { readonly body: string; readonly contentType: string } {
    if (this.faults.nonJsonError !== true) return { body: JSON.stringify({ code: error.code, message: error.message }), contentType: 'application/json' };
    const title = `${error.status} ${error.code}`;
    return {
      body: `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>emulated-proxy</center>\r\n</body>\r\n</html>\r\n`,
      contentType: 'text/html',
    };
  }

  /** The SSE framing (`line-ending`, `events-per-write`, `no-final-newline`); `eachEvent` comes from the pacing. */
  framing(eachEvent: boolean): SseFraming {
    return {
      lineEnding: lineEndings[this.faults.lineEnding ?? 'lf'],
      eventsPerWrite: this.faults.eventsPerWrite,
      eachEvent,
      noFinalNewline: this.faults.noFinalNewline === true,
    };
  }

  /** `keepalive=MS`: a comment every MS milliseconds while no event is on its way; stops when the connection closes. */
  startKeepalive(sse: SseWriter, closed: AbortSignal): Keepalive {
    const everyMs = this.faults.keepaliveMs;
    if (everyMs === undefined) return { stop: () => undefined };
    const timer = setInterval(() => {
      if (!sse.busy && !closed.aborted) void sse.comment();
    }, everyMs);
    const stop = (): void => clearInterval(timer);
    closed.addEventListener('abort', stop, { once: true });
    return { stop };
  }

  /**
   * What `garbage-after`, `disconnect-after` and `stall-after` do once `deltas` deltas are out
   * (also called with 0 before the first). Resolves true when the stream must stop.
   */
  async afterDeltas(deltas: number, stream: StreamControls): Promise<boolean> {
    const { faults } = this;
    if (deltas === faults.garbageAfter) await stream.sse.push('<html>oops</html>');
    if (deltas === faults.disconnectAfter) {
      await stream.sse.flush();
      await stream.bytes.flushed();
      stream.disconnect();
      return true;
    }
    if (deltas === faults.stallAfter) {
      await stream.sse.flush();
      return true;
    }
    return false;
  }

  /** The stream's end: the response ends, unless `linger` keeps the connection open. */
  endStream(res: ServerResponse): void {
    if (this.faults.linger !== true) res.end();
  }

  /**
   * Without a stream, `disconnect-after` drops the connection instead of answering and
   * `stall-after` never answers. Returns true when the fault took the answer's place;
   * `disconnect` drops the connection.
   */
  insteadOfJson(disconnect: () => void): boolean {
    if (this.faults.disconnectAfter !== undefined) {
      disconnect();
      return true;
    }
    return this.faults.stallAfter !== undefined;
  }

  /** Whether the stream ends with `data: [DONE]`: `done=on|off`, else the format's own default. */
  endsWithDone(formatDefault: boolean): boolean {
    return this.faults.done ?? formatDefault;
  }
}
