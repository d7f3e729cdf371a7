import { Observable } from 'rxjs';
import type { ChatEvent } from '../events.js';
import type { StreamCall } from './AnswerStream.js';
import { AnswerStream } from './AnswerStream.js';

/** A cold Observable of one call's events: one signed HTTP request per subscription; unsubscribe aborts it. */
export function streamEvents(call: StreamCall): Observable<ChatEvent> {
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
