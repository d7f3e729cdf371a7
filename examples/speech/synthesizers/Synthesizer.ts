import type { Observable } from 'rxjs';

/**
 * Says one piece of text: emits once when its audio can start (a WAV written, or a speaker
 * about to play), then completes when it is done. Unsubscribing stops it.
 *
 * @param text A sentence, or the whole answer.
 * @param name What to call the audio, e.g. 'sentence-01' (a file-writing synthesizer names its WAV after it).
 * @example
 * const say: Synthesizer = espeakSynthesizer({ folder: '/tmp/speech', voice: 'en' });
 * say('Hello there.', 'sentence-01').subscribe(({ file }) => console.log(file)); // '/tmp/speech/sentence-01.wav'
 */
export type Synthesizer = (text: string, name: string) => Observable<AudioReady>;

/** The moment a piece of audio can start. */
export interface AudioReady {
  /** The WAV file, when the synthesizer writes one. */
  readonly file?: string;
}
