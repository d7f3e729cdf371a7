import type { Subscriber } from 'rxjs';
import { Observable } from 'rxjs';
import type { Dispatcher } from 'undici';
import type { ChatEvent, WireFormat } from '../events.js';
import { ConnectionError, IncompleteStreamError, OciGenAiError, StreamParseError } from '../errors.js';
import { eventStreamBody } from './eventStreamBody.js';
import type { RefuseEventStream } from './eventStreamBody.js';
import { headerValue } from './headerValue.js';
import { responseError } from './responseError.js';
import { StreamDecoder } from './StreamDecoder.js';
import type { RequestSocket } from './requestSocket.js';
import type { Transport } from './Transport.js';

/** One streaming call, as the client prepared it (createClient builds one per `chat`/`generateText` call). */
export interface StreamCall {
  readonly transport: Transport;
  /** The path under the endpoint, e.g. `/20231130/actions/chat`. */
  readonly path: string;
  /** The exact JSON body (signed and sent byte for byte). */
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly model: string;
  readonly format: WireFormat;
  readonly operation: 'chat' | 'generateText';
  /** How long to wait after the finish event for usage and EOF before releasing the connection. */
  readonly finishGraceMs: number;
  /** The largest event, in characters, the client buffers. */
  readonly maxEventChars: number;
}

/**
 * A cold Observable of one call's events: one signed HTTP request per subscription, an
 * {@link AnswerStream} each; unsubscribing aborts the request.
 *
 * @example
 * ```ts
 * answerEvents(call).subscribe((event) => console.log(event.type)); // start, text, …, finish, usage
 * ```
 */
export function answerEvents(call: StreamCall): Observable<ChatEvent> {
  return new Observable<ChatEvent>((subscriber) => {
    const abort = new AbortController();
    const stream = new AnswerStream(call, subscriber, abort.signal);
    stream.run().catch((error: unknown) => subscriber.error(error));
    return () => {
      // A socket closed by dispose() has failed the request; aborting in the same turn would
      // re-queue it in undici (see requestSocket.ts), so the abort waits a turn.
      if (stream.dispose()) setImmediate(() => abort.abort());
      else abort.abort();
    };
  });
}

/**
 * One subscription's HTTP exchange: send, check the status, decode the SSE body into events,
 * and end at the logical end (finish or `[DONE]`, then EOF or the grace period).
 * Whatever happens, the response body is consumed or destroyed (the teardown aborts the request).
 */
export class AnswerStream {
  private opcRequestId: string | undefined;
  private tokensReceived = 0;
  private graceTimer: NodeJS.Timeout | undefined;
  private readonly request: RequestSocket = { socket: undefined };
  private bodyEnded = false;

  constructor(
    private readonly call: StreamCall,
    private readonly subscriber: Subscriber<ChatEvent>,
    private readonly signal: AbortSignal,
  ) {}

  /**
   * Stops the grace timer and, while the response is still streaming, closes its socket (see
   * requestSocket.ts: undici would otherwise open a spare connection). Returns true when it
   * closed one: the caller then aborts the request a turn later.
   */
  dispose(): boolean {
    clearTimeout(this.graceTimer);
    const { socket } = this.request;
    if (socket === undefined || this.bodyEnded || socket.destroyed) return false;
    socket.destroy(new Error('The subscriber unsubscribed.'));
    return true;
  }

  /** Runs the exchange to its end; every failure goes to the subscriber. */
  async run(): Promise<void> {
    let response: Dispatcher.ResponseData;
    try {
      response = await this.call.transport.post(this.call.path, this.call.body, this.call.headers, this.signal, this.request);
    } catch (error) {
      this.fail(error);
      return;
    }
    this.opcRequestId = headerValue(response.headers, 'opc-request-id');
    if (response.statusCode !== 200) {
      this.fail(await responseError(response));
      return;
    }
    let body: AsyncIterable<Uint8Array>;
    try {
      body = eventStreamBody(response.headers, response.body, this.refuse);
    } catch (error) {
      response.body.destroy();
      // Destroying the body already ended the exchange: dispose() must not close the socket and
      // abort the request again (that abort would reject inside undici with no one listening).
      this.bodyEnded = true;
      this.fail(error);
      return;
    }
    this.subscriber.next({ type: 'start', opcRequestId: this.opcRequestId ?? '', model: this.call.model, format: this.call.format });
    await this.readBody(body);
  }

  /** A body that cannot be read as an event stream (wrong type, unknown or corrupt compression). */
  private readonly refuse: RefuseEventStream = (reason, message, cause) =>
    new StreamParseError(message, { reason, frame: '', opcRequestId: this.opcRequestId, tokensReceived: this.tokensReceived, cause });

  private async readBody(body: AsyncIterable<Uint8Array>): Promise<void> {
    const decoder = new StreamDecoder({
      format: this.call.format,
      operation: this.call.operation,
      maxEventChars: this.call.maxEventChars,
      opcRequestId: this.opcRequestId,
      events: this.subscriber,
      // The server may keep the connection open after the finish (COHERE does): complete after a grace period.
      onLogicalEnd: () => {
        this.graceTimer = setTimeout(() => this.subscriber.complete(), this.call.finishGraceMs);
      },
    });
    try {
      for await (const chunk of body) {
        decoder.push(chunk);
        this.tokensReceived = decoder.tokensReceived;
        if (this.subscriber.closed) return;
      }
      // From here on the socket may serve another request: never close it.
      this.bodyEnded = true;
      decoder.end();
    } catch (error) {
      // Leaving the for-await destroyed the body: as above, nothing is left for dispose() to close.
      this.bodyEnded = true;
      this.tokensReceived = decoder.tokensReceived;
      this.fail(error);
      return;
    }
    if (this.subscriber.closed) return;
    if (decoder.ended) {
      // undici puts the socket back in its pool a turn after the body ends: completing now would
      // let a follow-up request (concatMap, retry) open a second connection instead of reusing it.
      setImmediate(() => this.subscriber.complete());
    } else {
      this.subscriber.error(new IncompleteStreamError(
        `The stream ended after ${decoder.tokensReceived} tokens without a finish event: the answer is incomplete.`,
        { opcRequestId: this.opcRequestId, tokensReceived: decoder.tokensReceived },
      ));
    }
  }

  private fail(error: unknown): void {
    // An abort is the subscriber leaving: nothing to report.
    if (this.signal.aborted || this.subscriber.closed) return;
    if (error instanceof OciGenAiError) {
      this.subscriber.error(error);
      return;
    }
    const reason = error instanceof Error ? error.message : String(error);
    const after = this.tokensReceived > 0 ? ` after ${this.tokensReceived} tokens` : '';
    this.subscriber.error(new ConnectionError(
      `The connection to ${this.call.transport.endpoint} failed${after}: ${reason}`,
      { opcRequestId: this.opcRequestId, tokensReceived: this.tokensReceived, cause: error },
    ));
  }
}
