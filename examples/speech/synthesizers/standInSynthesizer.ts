import type { SchedulerLike } from 'rxjs';
import { asyncScheduler, concat, ignoreElements, of, timer } from 'rxjs';
import type { AudioReady, Synthesizer } from './Synthesizer.js';

/** Options of {@link standInSynthesizer}. */
export interface StandInSynthesizerOptions {
  /** Milliseconds of "speech" per character. Default 30 (about 200 words a minute in English). */
  readonly msPerCharacter?: number;
  /** The scheduler of the wait. Default `asyncScheduler`. */
  readonly scheduler?: SchedulerLike;
}

/**
 * A speech synthesizer stand-in for machines without espeak-ng: makes no sound. Its "audio"
 * is ready at once (emits `{}`), and it "speaks" by waiting in proportion to the text's length,
 * then completes; unsubscribing stops the wait.
 *
 * @example
 * const say = standInSynthesizer({ msPerCharacter: 10 });
 * say('Hello there. ', 'sentence-01').subscribe({ complete: () => console.log('said') }); // 'said' after 120 ms
 */
export function standInSynthesizer(options: StandInSynthesizerOptions = {}): Synthesizer {
  const { msPerCharacter = 30, scheduler = asyncScheduler } = options;
  return (text) => concat(of<AudioReady>({}), timer(text.trim().length * msPerCharacter, scheduler).pipe(ignoreElements()));
}
