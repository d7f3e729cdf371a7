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
      stream.dispose();
      abort.abort();
    };
  });
}
