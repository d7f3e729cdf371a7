import { firstValueFrom } from 'rxjs';
import type { SpeechEvent } from './SpeechEvent.js';
import type { Synthesizer } from './synthesizers/Synthesizer.js';

/** How soon an answer was heard, streamed sentence by sentence, against waiting for all of it. */
export interface AudioLatency {
  /** From asking to the first sentence's audio being ready, in ms. */
  readonly firstAudioMs: number;
  /** From asking to the model's finish, in ms: when a pipeline that waits for the whole answer could start. */
  readonly answerCompleteMs: number;
  /** How long the synthesizer took to have the whole answer's audio ready, in ms. */
  readonly wholeSynthesisMs: number;
  /** `answerCompleteMs + wholeSynthesisMs`: the first audio, had the pipeline waited for the whole answer. */
  readonly waitingFirstAudioMs: number;
}

/**
 * Measures, for one answer, the time to first audio of the streamed pipeline (its first
 * `audio` event) against waiting for the whole answer: the model's finish, plus the time the
 * same synthesizer takes to ready the whole answer's audio (measured here, by synthesizing the
 * whole text once more as `whole-answer`).
 *
 * @param timeline The finished timeline of `speakAnswer`.
 * @returns undefined when the timeline has no audio or no finish (an empty answer).
 * @example
 * await audioLatency(timeline, espeakSynthesizer({ folder, voice: 'en' }));
 * // { firstAudioMs: 412, answerCompleteMs: 1903, wholeSynthesisMs: 61, waitingFirstAudioMs: 1964 }
 */
export async function audioLatency(timeline: readonly SpeechEvent[], synthesize: Synthesizer): Promise<AudioLatency | undefined> {
  const firstAudio = timeline.find((event) => event.type === 'audio');
  const finish = timeline.find((event) => event.type === 'finish');
  if (firstAudio === undefined || finish === undefined) return undefined;
  const wholeText = timeline.flatMap((event) => (event.type === 'sentence' ? [event.text] : [])).join('');
  const startedAt = performance.now();
  await firstValueFrom(synthesize(wholeText, 'whole-answer'));
  const wholeSynthesisMs = Math.round(performance.now() - startedAt);
  return { firstAudioMs: firstAudio.atMs, answerCompleteMs: finish.atMs, wholeSynthesisMs, waitingFirstAudioMs: finish.atMs + wholeSynthesisMs };
}
