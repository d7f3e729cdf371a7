import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChatEvent } from '@oci-genai-rx/core';
import type { Observable } from 'rxjs';
import { lastValueFrom, tap, toArray } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { speakAnswer } from '../speech/speakAnswer.js';
import type { AudioReadyEvent, SpeechEvent, SpeechStartEvent } from '../speech/SpeechEvent.js';
import { espeakAvailable, espeakSynthesizer } from '../speech/synthesizers/espeakSynthesizer.js';
import { speechRequest } from '../speech/speechRequest.js';
import { standInSynthesizer } from '../speech/synthesizers/standInSynthesizer.js';
import type { Synthesizer } from '../speech/synthesizers/Synthesizer.js';
import type { EmulatorConnection } from './support/emulatorConnection.js';
import { startEmulatorConnection } from './support/emulatorConnection.js';
import { writeEmulatorConfigFiles } from './support/emulatorConfigFiles.js';
import { runExample } from './support/exampleProcess.js';

const model = 'meta.llama-3.3-70b-instruct';

/** Runs the pipeline to its end; returns the timeline and the answer's text as the model sent it. */
async function speak(answer: Observable<ChatEvent>, msPerCharacter: number | Synthesizer): Promise<{ timeline: SpeechEvent[]; answerText: string }> {
  let answerText = '';
  const observed = answer.pipe(tap((event) => (answerText += event.type === 'text' ? event.text : '')));
  const synthesize = typeof msPerCharacter === 'number' ? standInSynthesizer({ msPerCharacter }) : msPerCharacter;
  const timeline = await lastValueFrom(speakAnswer(observed, { synthesize }).pipe(toArray()));
  return { timeline, answerText };
}

/** espeak-ng and sox are Debian packages that .ci/system-deps installs; CI must have them, so there a missing one fails. */
const hasEspeak = espeakAvailable() && execFileSyncOk('sox', ['--version']);
if (process.env['CI'] !== undefined && !hasEspeak) throw new Error('CI needs espeak-ng and sox for the speech tests: .ci/system-deps installs them.');

function execFileSyncOk(command: string, args: readonly string[]): boolean {
  try {
    execFileSync(command, args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** A WAV's duration in seconds, as sox reads its header. */
const wavSeconds = (file: string): number => Number(execFileSync('sox', ['--i', '-D', file], { encoding: 'utf8' }).trim());

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
      const result = await runExample('examples/speech/main.ts', [...files.flags, '--lang', 'ja', '--stand-in', '--ms-per-char', '1']);

      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toMatch(/^speaking with the timer stand-in, which makes no sound: --stand-in$/m);
      expect(result.stdout).toMatch(/model {4}first token/);
      // The first piece ends at a sentence end or, in clause mode, at a 、 (main.ts sets clauses).
      expect(result.stdout).toMatch(/speaker {2}▶ #1 "[^"]+[。、]"/);
      expect(result.stdout).toMatch(/model {4}finished \(stop\)/);
      expect(connection.emulator.counters.requests).toBe(1);
    } finally {
      await files.remove();
    }
  });

  describe(hasEspeak ? 'with espeak-ng' : 'with espeak-ng (skipped: espeak-ng or sox is not installed; apt-get install espeak-ng sox)', () => {
    let folder: string | undefined;
    afterEach(async () => {
      if (folder !== undefined) await rm(folder, { recursive: true, force: true });
      folder = undefined;
    });

    it.skipIf(!hasEspeak)('writes one WAV per sentence as the sentences arrive, each with a non-zero duration', async () => {
      connection = await startEmulatorConnection({ tokenIntervalMs: 40 });
      folder = await mkdtemp(join(tmpdir(), 'oci-genai-rx-speech-test-'));

      const { timeline, answerText } = await speak(connection.client.chat(speechRequest(model, 'ja')), espeakSynthesizer({ folder, voice: 'ja' }));

      const sentences = spoken(timeline);
      const audio = timeline.filter((event): event is AudioReadyEvent => event.type === 'audio');
      expect(sentences.length).toBe(4);
      expect(sentences.map((event) => event.text).join('')).toBe(answerText);
      expect(audio.map((event) => event.file)).toEqual(sentences.map((_, i) => join(folder!, `sentence-0${i + 1}.wav`)));
      for (const { file } of audio) expect(wavSeconds(file!)).toBeGreaterThan(0.3);
      const finish = timeline.find((event) => event.type === 'finish')!;
      expect(audio[0]!.atMs).toBeLessThan(finish.atMs);
    });

    it.skipIf(!hasEspeak)('reports from the command line the time to first audio against waiting for the whole answer', async () => {
      // A reading pace: the joke's second sentence ends about half a second after its first.
      connection = await startEmulatorConnection({ tokenIntervalMs: 60 });
      const files = await writeEmulatorConfigFiles(connection.emulator);
      folder = await mkdtemp(join(tmpdir(), 'oci-genai-rx-speech-test-'));
      try {
        const result = await runExample('examples/speech/main.ts', [...files.flags, '--out', folder]);

        expect(result.code, result.stderr).toBe(0);
        expect(result.stdout).toContain(`speaking with espeak-ng (voice en): one WAV per sentence in ${folder}`);
        expect(result.stdout).toMatch(new RegExp(`speaker {2}♪ #1 audio ready ${folder}/sentence-01\\.wav`));
        const report = /^time to first audio: ([\d.]+)s streamed \(2 sentences\); ([\d.]+)s waiting for the whole answer \(finished at ([\d.]+)s, then ([\d.]+)s to synthesize it\)$/m.exec(result.stdout);
        expect(report, result.stdout).not.toBeNull();
        const [streamed, waiting, finished, synthesis] = report!.slice(1).map(Number) as [number, number, number, number];
        expect(streamed).toBeLessThan(waiting);
        expect(waiting).toBeCloseTo(finished + synthesis, 2);
        for (const name of ['sentence-01', 'sentence-02', 'whole-answer']) expect(wavSeconds(join(folder, `${name}.wav`))).toBeGreaterThan(0.5);
      } finally {
        await files.remove();
      }
    });
  });
});
