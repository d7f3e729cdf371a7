/**
 * The speech pipeline on the command line: streams an answer, cuts it into sentences and
 * speaks each with espeak-ng (one WAV per sentence, written as the sentences arrive), or with
 * a silent timer stand-in where espeak-ng is missing, printing a timeline that shows the first
 * sentence spoken while the model is still writing, and the time to first audio against
 * waiting for the whole answer.
 *
 *     pnpm exec tsx --conditions=@oci-genai-rx/source examples/speech/main.ts
 *     pnpm exec tsx --conditions=@oci-genai-rx/source examples/speech/main.ts --lang ja
 *
 * See README.md for the flags.
 */
import { mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { lastValueFrom, tap, toArray } from 'rxjs';
import { connect } from '../common/connect.js';
import { numberFlag } from '../common/numberFlag.js';
import { exampleHelp, parseExampleFlags } from '../common/parseExampleFlags.js';
import { runMain } from '../common/runMain.js';
import { UsageError } from '../common/UsageError.js';
import { audioLatency } from './audioLatency.js';
import { formatSpeechEvent } from './formatSpeechEvent.js';
import { speakAnswer } from './speakAnswer.js';
import type { SpeechEvent } from './SpeechEvent.js';
import { speechRequest } from './speechRequest.js';
import { espeakAvailable, espeakSynthesizer } from './synthesizers/espeakSynthesizer.js';
import { standInSynthesizer } from './synthesizers/standInSynthesizer.js';
import type { Synthesizer } from './synthesizers/Synthesizer.js';

const FLAGS = {
  prompt: { type: 'string' },
  lang: { type: 'string' },
  'ms-per-char': { type: 'string' },
  out: { type: 'string' },
  voice: { type: 'string' },
  'stand-in': { type: 'boolean', default: false },
} as const;

const help = exampleHelp(
  'Streams an answer into sentences and speaks each one with espeak-ng (one WAV per sentence),\nor a silent timer stand-in where espeak-ng is missing, printing a timeline.',
  'pnpm speech -- [--prompt <text>] [--lang en|ja] [--out <folder>] [--voice <name>] [--stand-in] [connection flags]',
  `  --prompt <text>       what to ask (default: "Tell me a joke.", or a Japanese prompt with --lang ja)
  --lang en|ja          the answer's language (default en)
  --out <folder>        where the WAVs go (default: a new folder in the system's temp folder)
  --voice <name>        the espeak-ng voice (default: the language, en or ja)
  --stand-in            use the timer stand-in even where espeak-ng is installed
  --ms-per-char <n>     how long the stand-in takes per character, in ms (default 30)`,
);

async function main(argv: readonly string[]): Promise<number> {
  const { values, help: wantsHelp, connection: settings } = parseExampleFlags(argv, FLAGS);
  if (wantsHelp) {
    process.stdout.write(help);
    return 0;
  }
  const language = values.lang ?? 'en';
  if (language !== 'en' && language !== 'ja') throw new UsageError(`--lang must be en or ja, got "${language}".`);
  const msPerCharacter = numberFlag('--ms-per-char', values['ms-per-char'], 30, { min: 0 });
  const useEspeak = !values['stand-in'] && espeakAvailable();
  let synthesize: Synthesizer;
  if (useEspeak) {
    const folder = values.out === undefined ? await mkdtemp(join(tmpdir(), 'oci-genai-rx-speech-')) : resolve(values.out);
    await mkdir(folder, { recursive: true });
    const voice = values.voice ?? language;
    synthesize = espeakSynthesizer({ folder, voice });
    process.stdout.write(`speaking with espeak-ng (voice ${voice}): one WAV per sentence in ${folder}\n`);
  } else {
    synthesize = standInSynthesizer({ msPerCharacter });
    const why = values['stand-in'] ? '--stand-in' : 'espeak-ng not found (apt-get install espeak-ng)';
    process.stdout.write(`speaking with the timer stand-in, which makes no sound: ${why}\n`);
  }

  // The embedded emulator writes at a human pace, so that the overlap is visible.
  const connection = await connect(settings, { emulator: { tokenIntervalMs: 40 } });
  try {
    const request = speechRequest(connection.model, language, values.prompt);
    process.stdout.write(`asking ${connection.model} at ${connection.description}: ${JSON.stringify(request.prompt)}\n`);
    // Clause mode: the first piece may end at a comma once it has 20 characters, so the first
    // audio starts before the first sentence is over; the sentences after it stay whole.
    const timeline = speakAnswer(connection.client.chat(request), { synthesize, sentences: { clauses: { minChars: 20 } } });
    const events = await lastValueFrom(timeline.pipe(tap((event) => process.stdout.write(`${formatSpeechEvent(event)}\n`)), toArray()));
    printLatency(events, await audioLatency(events, synthesize));
    return 0;
  } finally {
    await connection.close();
  }
}

function printLatency(events: readonly SpeechEvent[], latency: Awaited<ReturnType<typeof audioLatency>>): void {
  if (latency === undefined) return void process.stdout.write('no audio: the answer had no sentence\n');
  const seconds = (ms: number): string => `${(ms / 1000).toFixed(3)}s`;
  const sentences = events.filter((event) => event.type === 'audio').length;
  process.stdout.write(
    `time to first audio: ${seconds(latency.firstAudioMs)} streamed (${sentences} sentence${sentences === 1 ? '' : 's'}); ` +
      `${seconds(latency.waitingFirstAudioMs)} waiting for the whole answer (finished at ${seconds(latency.answerCompleteMs)}, then ${seconds(latency.wholeSynthesisMs)} to synthesize it)\n`,
  );
}


runMain('speech', main);
