import type { ChatEvent, WireFormat } from '../events.js';
import { StreamParseError, type StreamParseErrorReason } from '../errors.js';
import { createFrameDecoder } from './formats/index.js';
import type { FrameDecoder, FrameEvents, WireFrame } from './formats/index.js';
import { UnattributableToolCall } from './frames/ToolCallAssembler.js';
import type { SseReader, SseReaderCallbacks } from './sseReader.js';
import { createSseReader } from './sseReader.js';

/**
 * Where a {@link StreamDecoder}'s events go (an rxjs `Subscriber<ChatEvent>` is one).
 *
 * @example
 * ```ts
 * const events: ChatEvent[] = [];
 * const sink: EventSink = { next: (event) => events.push(event) };
 * ```
 */
export interface EventSink {
  next(event: ChatEvent): void;
}

/** What a {@link StreamDecoder} decodes and where its events go. */
export interface StreamDecoderOptions {
  readonly format: WireFormat;
  readonly operation: 'chat' | 'generateText';
  /** The largest event, in characters, buffered before the stream is rejected. */
  readonly maxEventChars: number;
  /** Quoted by errors. */
  readonly opcRequestId: string | undefined;
  /**
   * Receives each event, in order: an rxjs `Subscriber` (AnswerStream passes its own), or any
   * object with a `next` method. An object and not a callback: the per-token path then calls
   * the subscriber itself, with no closure of ours in between for V8 to compile per stream.
   */
  readonly events: EventSink;
  /** Called once at the logical end: the finish event or `[DONE]`, whichever comes first. */
  readonly onLogicalEnd: () => void;
}

/**
 * Raw body bytes in, typed events out, for one stream: UTF-8 and SSE framing, `[DONE]`,
 * JSON frames, and the format's frame decoder. Throws {@link StreamParseError} on a bad frame.
 *
 * A network read is decoded whole before its events go out, in order, in the same call: first
 * every frame of the read is parsed, then each event goes down the subscriber's pipeline. Parsing
 * one frame and then running the pipeline for its token, frame after frame, made the two take
 * turns in the CPU's 32 KiB instruction cache, and each evicted the other: under callgrind's cache
 * simulation (20,000-token English stream, steady state) the usual pipeline (streamTimeout,
 * retryStream, toText, bufferSentences) missed it 323 times a token, most of them in the JSON and
 * SSE parsers' own code; decoding the read first, 98 (toText alone: 103, then 71). A long stream's
 * read holds about 16 KiB, a hundred or so tokens; a paced stream's read holds one event, and then
 * nothing changes. The events of a read that precede a bad frame still go out before the error.
 *
 * @example
 * ```ts
 * const decoder = new StreamDecoder({ format: 'GENERIC', operation: 'chat', maxEventChars: 1 << 20, opcRequestId: undefined, events: { next: console.log }, onLogicalEnd: () => {} });
 * decoder.push(bytes); decoder.end();
 * ```
 */
export class StreamDecoder implements SseReaderCallbacks, FrameEvents {
  /** Text deltas decoded so far. */
  tokensReceived = 0;
  /** True once the finish event or `[DONE]` was seen. */
  ended = false;
  private readonly frames: FrameDecoder;
  private readonly reader: SseReader;
  private readonly events: EventSink;
  /**
   * The events of the read being decoded, delivered by {@link deliver}. Made from a one-event
   * literal and emptied rather than from `[]`, so that its elements kind is "any object" from the start.
   */
  private readonly decoded: ChatEvent[] = [{ type: 'reasoning', text: '' }];

  constructor(private readonly options: StreamDecoderOptions) {
    this.frames = createFrameDecoder(options.format, options.operation);
    this.events = options.events;
    // The decoder is the reader's callbacks object: its methods, shared by every stream, are
    // what the SSE parser calls per event, rather than closures made (and compiled) per stream.
    this.reader = createSseReader(this, options.maxEventChars);
    this.decoded.length = 0;
  }

  /** Feeds one network read; its events go out when it is decoded, before an error it holds. */
  push(chunk: Uint8Array): void {
    try {
      this.reader.push(chunk);
    } catch (error) {
      throw this.asParseError(error);
    } finally {
      // Runs before an error leaves: the events ahead of a bad frame go out first.
      this.deliver();
    }
  }

  /** The body ended: delivers a last unterminated event. */
  end(): void {
    try {
      this.reader.end();
    } catch (error) {
      throw this.asParseError(error);
    } finally {
      this.deliver();
    }
  }

  /** Sends the events decoded from the current read, in order, and forgets them. */
  private deliver(): void {
    const { decoded, events } = this;
    if (decoded.length === 0) return;
    try {
      // Indexed, not for…of: an iterator per read is garbage for nothing.
      for (let k = 0; k < decoded.length; k++) events.next(decoded[k] as ChatEvent);
    } finally {
      decoded.length = 0;
    }
  }

  private asParseError(error: unknown): unknown {
    if (error instanceof TypeError && 'code' in error && error.code === 'ERR_ENCODING_INVALID_ENCODED_DATA') {
      return this.parseError('bad-utf8', 'OCI sent bytes that are not valid UTF-8 (a body compressed by a proxy that did not say so in Content-Encoding reads like this)', '');
    }
    return error;
  }

  /** One SSE event's data (see {@link SseReaderCallbacks}): `[DONE]` or a JSON frame. */
  onData(data: string): void {
    if (data === '[DONE]') {
      this.markEnded();
      return;
    }
    let frame: unknown;
    try {
      frame = JSON.parse(data);
    } catch (error) {
      // A blank event (data lines with nothing in them) carries no frame: skipped. Tested only
      // here, after JSON.parse refused it, so that a frame costs no more than the parse.
      if (data.trim() === '') return;
      throw this.parseError('not-json', 'OCI sent a frame that is not JSON', data, error);
    }
    if (typeof frame !== 'object' || frame === null || Array.isArray(frame)) {
      throw this.parseError('not-json', 'OCI sent a frame that is not a JSON object', data);
    }
    try {
      this.frames.decode(frame as WireFrame, this);
    } catch (error) {
      if (error instanceof UnattributableToolCall) throw this.parseError('tool-call', `OCI sent tool-call fragments that cannot be told apart: ${error.message}`, data);
      throw error;
    }
  }

  /** A keep-alive comment: nothing to do. */
  onComment(): void {}

  /** A malformed stream (see {@link SseReaderCallbacks}). */
  onError(message: string, line: string, tooLarge: boolean): void {
    throw this.parseError(tooLarge ? 'too-large' : 'not-sse', `OCI sent a malformed stream (${message})`, line);
  }

  // The frame decoder's sink (see FrameEvents): methods of the class, shared by every stream,
  // that keep each event for {@link deliver}.

  /** A text delta from the frame decoder: the one place a text event is built. */
  text(text: string): void {
    this.tokensReceived++;
    this.decoded.push({ type: 'text', text });
  }

  /**
   * Any other event from the frame decoder; a finish event is the logical end (onLogicalEnd only
   * starts a timer, so it may run before the finish event is delivered, later in the same call).
   */
  next(event: ChatEvent): void {
    this.decoded.push(event);
    if (event.type === 'finish') this.markEnded();
  }

  private markEnded(): void {
    if (this.ended) return;
    this.ended = true;
    this.options.onLogicalEnd();
  }

  private parseError(reason: StreamParseErrorReason, message: string, frame: string, cause?: unknown): StreamParseError {
    const shown = frame.length > 200 ? `${frame.slice(0, 200)}…` : frame;
    return new StreamParseError(frame === '' ? `${message}.` : `${message}: ${shown}`, {
      reason,
      frame,
      opcRequestId: this.options.opcRequestId,
      tokensReceived: this.tokensReceived,
      cause,
    });
  }
}
