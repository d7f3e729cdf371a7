import type { EventSourceMessage, ParseError } from 'eventsource-parser';
import { createParser } from 'eventsource-parser';

/** Callbacks of an {@link SseReader}. */
export interface SseReaderCallbacks {
  /** One event's `data` (lines joined by `\n`). */
  readonly onData: (data: string) => void;
  /** A `:` comment line (OCI keep-alives). */
  readonly onComment: () => void;
  /** A malformed stream: an unknown field or bad `retry` line, or (`tooLarge`) an event larger than the limit. */
  readonly onError: (message: string, line: string, tooLarge: boolean) => void;
}

/** Reads SSE from raw body bytes. */
export interface SseReader {
  /** Feeds one network read; it may hold several events, part of one, or half a character. */
  push(chunk: Uint8Array): void;
  /** The body ended: delivers a last event that lacks its trailing blank line. */
  end(): void;
}

/**
 * SSE over a streaming UTF-8 decoder and eventsource-parser: frames split anywhere (even inside
 * a multi-byte character), CR/LF/CRLF line endings, comments. `maxEventChars` bounds what a
 * hostile server can make the client buffer.
 */
export function createSseReader(callbacks: SseReaderCallbacks, maxEventChars: number): SseReader {
  // fatal: invalid UTF-8 is corruption, raised as an error rather than turned into U+FFFD silently.
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const parser = createParser({
    onEvent: (event: EventSourceMessage) => callbacks.onData(event.data),
    onComment: () => callbacks.onComment(),
    onError: (error: ParseError) => callbacks.onError(error.message, error.line ?? error.field ?? '', error.type === 'max-buffer-size-exceeded'),
    maxBufferSize: maxEventChars,
  });
  return {
    push(chunk) {
      parser.feed(decoder.decode(chunk, { stream: true }));
    },
    end() {
      // A blank line completes an event the server left unterminated; an extra one is harmless.
      parser.feed(`${decoder.decode()}\n\n`);
    },
  };
}
