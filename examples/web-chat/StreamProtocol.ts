import type { ChatEvent } from '@oci-genai-rx/core';
import type { Observable } from 'rxjs';
import type { BrowserError } from './browserError.js';

/**
 * How an answer is written to an HTTP response: the page's own server-sent events
 * (`chatEventsProtocol`) or the AI SDK's UI message stream (`uiMessageStreamProtocol`).
 * `relayAnswer` does the rest (headers, writing, logging, stopping), the same for both.
 *
 * @example
 * relayAnswer(client.chat(request), res, chatEventsProtocol, log);
 */
export interface StreamProtocol {
  /** Response headers besides the relay's own (`cache-control`, `x-accel-buffering`). */
  readonly headers: Readonly<Record<string, string>>;
  /** The answer's events as the frames to write, in order. */
  frames(answer: Observable<ChatEvent>): Observable<string>;
  /** The last frame of a failed answer. */
  errorFrame(error: BrowserError): string;
  /** The last frame of a complete answer. */
  readonly endFrame: string;
}
