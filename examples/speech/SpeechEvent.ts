import type { FinishReason } from '@oci-genai-rx/core';

/**
 * One moment of the speech pipeline's timeline. `atMs` counts from subscription, so the
 * events show how generating and speaking overlap.
 *
 * @example
 * { type: 'first-token', atMs: 212 }
 * { type: 'sentence', index: 0, text: 'Why was the computer cold? ', atMs: 561 }
 * { type: 'speech-start', index: 0, text: 'Why was the computer cold? ', atMs: 561 }
 * { type: 'audio', index: 0, file: '/tmp/speech/sentence-01.wav', atMs: 598 }
 * { type: 'speech-end', index: 0, text: 'Why was the computer cold? ', atMs: 1342 }
 * { type: 'finish', reason: 'stop', atMs: 3201 }
 */
export type SpeechEvent = FirstTokenEvent | SentenceReadyEvent | SpeechStartEvent | AudioReadyEvent | SpeechEndEvent | ModelFinishEvent;

/** The model's first text token arrived. */
export interface FirstTokenEvent {
  readonly type: 'first-token';
  readonly atMs: number;
}

/** A whole sentence left `bufferSentences`; it waits for the speaker if the speaker is busy. */
export interface SentenceReadyEvent {
  readonly type: 'sentence';
  /** The sentence's position in the answer, from 0. */
  readonly index: number;
  /** The sentence, with the whitespace that follows it (joined, the sentences give the answer). */
  readonly text: string;
  readonly atMs: number;
}

/** The speaker started saying a sentence. */
export interface SpeechStartEvent {
  readonly type: 'speech-start';
  readonly index: number;
  readonly text: string;
  readonly atMs: number;
}

/** A sentence's audio can start: its WAV is written (espeak-ng), or the speaker starts (the stand-in). */
export interface AudioReadyEvent {
  readonly type: 'audio';
  readonly index: number;
  /** The WAV file, when the synthesizer writes one. */
  readonly file?: string;
  readonly atMs: number;
}

/** The speaker finished saying a sentence. */
export interface SpeechEndEvent {
  readonly type: 'speech-end';
  readonly index: number;
  readonly text: string;
  readonly atMs: number;
}

/** The model's `finish` event arrived: generation is over (speech may go on). */
export interface ModelFinishEvent {
  readonly type: 'finish';
  readonly reason: FinishReason;
  readonly atMs: number;
}
