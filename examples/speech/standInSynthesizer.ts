import type { Observable, SchedulerLike } from 'rxjs';
import { asyncScheduler, map, timer } from 'rxjs';

/** Options of {@link standInSynthesizer}. */
export interface StandInSynthesizerOptions {
  /** Milliseconds of "speech" per character. Default 30 (about 200 words a minute in English). */
  readonly msPerCharacter?: number;
  /** The scheduler of the wait. Default `asyncScheduler`. */
  readonly scheduler?: SchedulerLike;
}

/**
 * A speech synthesizer stand-in: "says" a sentence by waiting in proportion to its length,
 * then completes. Swap in a real text-to-speech call that returns an Observable (or wrap a
 * promise with `from()`) that completes when the audio has played.
 *
 * Emits one `void` value at the end, then completes; unsubscribing stops it (a real
 * synthesizer should stop the audio there).
 *
 * @example
 * const say = standInSynthesizer({ msPerCharacter: 10 });
 * say('Hello there. ').subscribe({ complete: () => console.log('said') }); // 'said' after 130 ms
 */
export function standInSynthesizer(options: StandInSynthesizerOptions = {}): (sentence: string) => Observable<void> {
  const { msPerCharacter = 30, scheduler = asyncScheduler } = options;
  return (sentence) => timer(sentence.trim().length * msPerCharacter, scheduler).pipe(map((): void => undefined));
}
