import type { ChatEvent, FinishEvent } from '@oci-genai-rx/core';
import { toText } from '@oci-genai-rx/core';
import type { BufferSentencesOptions } from '@oci-genai-rx/operators';
import { bufferSentences } from '@oci-genai-rx/operators';
import type { Observable, SchedulerLike } from 'rxjs';
import { asyncScheduler, concat, concatMap, connect, defer, filter, map, merge, of, take } from 'rxjs';
import type { SpeechEvent } from './SpeechEvent.js';
import type { Synthesizer } from './synthesizers/Synthesizer.js';

/** Options of {@link speakAnswer}. */
export interface SpeakAnswerOptions {
  /** Says one sentence (named `sentence-01`, `sentence-02`, …): `espeakSynthesizer`, or `standInSynthesizer` where there is none. */
  readonly synthesize: Synthesizer;
  /** How tokens become sentences (e.g. `minLength` to avoid choppy speech). Default: `bufferSentences()`'s defaults. */
  readonly sentences?: BufferSentencesOptions;
  /** The clock of the timestamps. Default `asyncScheduler` (wall-clock time). */
  readonly scheduler?: SchedulerLike;
}

/**
 * The speech pipeline: an answer's tokens → whole sentences (`bufferSentences`) → a speaker
 * that says one sentence at a time (`concatMap`), so that the first sentence is spoken while
 * the model is still writing the rest. Emits the timeline of both sides as {@link SpeechEvent}s.
 *
 * A sentence is announced (`sentence`) as soon as it is complete, then waits its turn for the
 * speaker (`speech-start`, `audio` when its audio can start, `speech-end`). Completes when the last sentence has been said
 * (after the model's `finish`). An error of the answer errors the timeline (sentences not yet
 * said are dropped); unsubscribing aborts the request and stops the speaker.
 *
 * @param answer The chat events, e.g. `client.chat(request)` (subscribed once).
 * @example
 * speakAnswer(client.chat({ model, prompt: 'Tell me a joke.' }), { synthesize: standInSynthesizer() })
 *   .subscribe((event) => console.log(event.atMs, event.type));
 * // 212 first-token
 * // 561 sentence
 * // 561 speech-start
 * // 561 audio
 * // 1342 speech-end
 * // …
 * // 3201 finish
 * // …
 */
export function speakAnswer(answer: Observable<ChatEvent>, options: SpeakAnswerOptions): Observable<SpeechEvent> {
  const { synthesize, scheduler = asyncScheduler } = options;
  return defer(() => {
    const startedAt = scheduler.now();
    const at = (): number => scheduler.now() - startedAt;
    // A value made when it is subscribed to, so that its timestamp is the moment it happens.
    const now = <T extends SpeechEvent>(make: (atMs: number) => T): Observable<T> => defer(() => of(make(at())));

    const say = (text: string, index: number): Observable<SpeechEvent> =>
      concat(
        now((atMs) => ({ type: 'speech-start', index, text, atMs }) as const),
        synthesize(text, `sentence-${String(index + 1).padStart(2, '0')}`).pipe(
          map(({ file }) => ({ type: 'audio', index, ...(file !== undefined && { file }), atMs: at() }) as const),
        ),
        now((atMs) => ({ type: 'speech-end', index, text, atMs }) as const),
      );

    // connect(): one request feeds the model's timeline and the sentences alike.
    return answer.pipe(
      connect((events) =>
        merge(
          events.pipe(toText(), take(1), map(() => ({ type: 'first-token', atMs: at() }) as const)),
          events.pipe(
            filter((event): event is FinishEvent => event.type === 'finish'),
            map((event) => ({ type: 'finish', reason: event.reason, atMs: at() }) as const),
          ),
          events.pipe(
            toText(),
            bufferSentences(options.sentences),
            connect((sentences) =>
              merge(
                sentences.pipe(map((text, index) => ({ type: 'sentence', index, text, atMs: at() }) as const)),
                sentences.pipe(concatMap(say)),
              ),
            ),
          ),
        ),
      ),
    );
  });
}
