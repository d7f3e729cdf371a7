import type { ByteWriter } from './ByteWriter.js';

/** How events are framed and grouped into writes (the faults choose; see `FaultHooks.framing`). */
export interface SseFraming {
  /** '\n' normally; '\r\n' or '\r' under the `line-ending` fault. */
  readonly lineEnding: string;
  /** Write every N events together (`events-per-write`); otherwise see `eachEvent`. */
  readonly eventsPerWrite?: number | undefined;
  /** One write per event (when tokens are paced); otherwise batches of about 16 KiB. */
  readonly eachEvent: boolean;
  /** Leave the blank line (and newline) off the last event (`no-final-newline`). */
  readonly noFinalNewline: boolean;
}

const batchBytes = 16 * 1024;

/**
 * Frames server-sent events (`data: <payload>`, after an `event:` line for named events such as
 * the Responses route's, and a blank line) and groups
 * them into socket writes. Under `no-final-newline` each event's newline and blank line go out
 * with the next event, so the last one can be left without them.
 *
 * @example
 * const sse = new SseWriter(bytes, { lineEnding: '\n', eachEvent: true, noFinalNewline: false });
 * await sse.push('{"text":"Hi"}'); // writes 'data: {"text":"Hi"}\n\n'
 */
export class SseWriter {
  #pending: string[] = [];
  #pendingLength = 0;
  #pendingEvents = 0;
  #deferred = '';
  #writing = false;

  constructor(
    private readonly bytes: ByteWriter,
    private readonly framing: SseFraming,
  ) {}

  /** True while events wait for their write or a write is in progress: no keep-alive now. */
  get busy(): boolean {
    return this.#writing || this.#pendingEvents > 0;
  }

  /** Adds one event (named with an `event:` line when `event` is given); writes when the current group is complete. */
  async push(payload: string, event?: string): Promise<void> {
    const { lineEnding, noFinalNewline } = this.framing;
    const name = event === undefined ? '' : `event: ${event}${lineEnding}`;
    const frame = `${this.#deferred}${name}data: ${payload}`;
    if (noFinalNewline) {
      this.#deferred = lineEnding + lineEnding;
      this.#add(frame);
    } else {
      this.#add(frame + lineEnding + lineEnding);
    }
    this.#pendingEvents += 1;
    const { eventsPerWrite, eachEvent } = this.framing;
    const full =
      eventsPerWrite !== undefined ? this.#pendingEvents >= eventsPerWrite : eachEvent || this.#pendingLength >= batchBytes;
    if (full) await this.flush();
  }

  /** Writes a `: keep-alive` comment line at an event boundary. */
  async comment(): Promise<void> {
    const { lineEnding } = this.framing;
    this.#add(`${this.#deferred}: keep-alive${lineEnding}${lineEnding}`);
    this.#deferred = '';
    await this.flush();
  }

  /** Writes whatever is pending. */
  async flush(): Promise<void> {
    if (this.#pending.length === 0) return;
    const text = this.#pending.join('');
    this.#pending = [];
    this.#pendingLength = 0;
    this.#pendingEvents = 0;
    this.#writing = true;
    try {
      await this.bytes.write(Buffer.from(text, 'utf8'));
    } finally {
      this.#writing = false;
    }
  }

  #add(text: string): void {
    this.#pending.push(text);
    this.#pendingLength += text.length;
  }
}
