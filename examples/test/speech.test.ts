import type { ChatEvent } from '@oci-genai-rx/core';
import type { Observable } from 'rxjs';
import { lastValueFrom, tap, toArray } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { speakAnswer } from '../speech/speakAnswer.js';
import type { SpeechEvent, SpeechStartEvent } from '../speech/SpeechEvent.js';
import { speechRequest } from '../speech/speechRequest.js';
import { standInSynthesizer } from '../speech/standInSynthesizer.js';
import type { EmulatorConnection } from './support/emulatorConnection.js';
import { startEmulatorConnection } from './support/emulatorConnection.js';
import { writeEmulatorConfigFiles } from './support/emulatorConfigFiles.js';
import { runExample } from './support/exampleProcess.js';

const model = 'meta.llama-3.3-70b-instruct';

/** Runs the pipeline to its end; returns the timeline and the answer's text as the model sent it. */
async function speak(answer: Observable<ChatEvent>, msPerCharacter: number): Promise<{ timeline: SpeechEvent[]; answerText: string }> {
  let answerText = '';
  const observed = answer.pipe(tap((event) => (answerText += event.type === 'text' ? event.text : '')));
  const timeline = await lastValueFrom(speakAnswer(observed, { synthesize: standInSynthesizer({ msPerCharacter }) }).pipe(toArray()));
  return { timeline, answerText };
}

const spoken = (timeline: readonly SpeechEvent[]): SpeechStartEvent[] => timeline.filter((event): event is SpeechStartEvent => event.type === 'speech-start');

describe('speech pipeline', () => {
  let connection: EmulatorConnection | undefined;

  afterEach(async () => {
    await connection?.close();
    connection = undefined;
  });

  it('starts speaking the first sentence before the model has finished', async () => {
    connection = await startEmulatorConnection({ tokens: 60, tokenIntervalMs: 15 });

    const { timeline } = await speak(connection.client.chat(speechRequest(model, 'en')), 1);

    const firstSpeech = timeline.findIndex((event) => event.type === 'speech-start');
    const finish = timeline.findIndex((event) => event.type === 'finish');
    expect(firstSpeech).toBeGreaterThanOrEqual(0);
    expect(finish).toBeGreaterThan(firstSpeech);
    expect(timeline[firstSpeech]!.atMs).toBeLessThan(timeline[finish]!.atMs);
  });

  it('speaks every sentence once, in order, and the spoken sentences joined are the answer', async () => {
    connection = await startEmulatorConnection({ tokens: 60, tokenIntervalMs: 5 });

    const { timeline, answerText } = await speak(connection.client.chat(speechRequest(model, 'en')), 1);

    const sentences = spoken(timeline);
    expect(sentences.length).toBeGreaterThan(2);
    expect(sentences.map((event) => event.index)).toEqual(sentences.map((_, i) => i));
    expect(sentences.map((event) => event.text).join('')).toBe(answerText);
    expect(timeline.filter((event) => event.type === 'speech-end')).toHaveLength(sentences.length);
    expect(timeline.at(-1)?.type).toBe('speech-end');
  });

  it('never speaks two sentences at once', async () => {
    connection = await startEmulatorConnection({ tokens: 40, tokenIntervalMs: 2 });

    const { timeline } = await speak(connection.client.chat(speechRequest(model, 'en')), 2);

    const speaker = timeline.filter((event) => event.type === 'speech-start' || event.type === 'speech-end').map((event) => event.type);
    expect(speaker).toEqual(speaker.map((_, i) => (i % 2 === 0 ? 'speech-start' : 'speech-end')));
  });

  it('cuts a Japanese answer at 。！？ and speaks all of it', async () => {
    connection = await startEmulatorConnection({ tokens: 60, tokenIntervalMs: 5 });

    const { timeline, answerText } = await speak(connection.client.chat(speechRequest(model, 'ja')), 1);

    const sentences = spoken(timeline).map((event) => event.text);
    expect(answerText).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    expect(sentences.length).toBeGreaterThan(1);
    for (const sentence of sentences) expect(sentence.trimEnd()).toMatch(/[。！？][」』）]*$/);
    expect(sentences.join('')).toBe(answerText);
  });

  it('prints the timeline from the command line, against a service given by flags', async () => {
    connection = await startEmulatorConnection({ tokens: 30, tokenIntervalMs: 5 });
    const files = await writeEmulatorConfigFiles(connection.emulator);
    try {
      const result = await runExample('examples/speech/main.ts', [...files.flags, '--lang', 'ja', '--ms-per-char', '1']);

      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toMatch(/model {4}first token/);
      expect(result.stdout).toMatch(/speaker {2}▶ #1 "[^"]+。"/);
      expect(result.stdout).toMatch(/model {4}finished \(stop\)/);
      expect(connection.emulator.counters.requests).toBe(1);
    } finally {
      await files.remove();
    }
  });
});
