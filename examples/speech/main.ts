/**
 * The speech pipeline on the command line: streams an answer, cuts it into sentences and
 * "speaks" each with a stand-in synthesizer, printing a timeline that shows the first sentence
 * spoken while the model is still writing.
 *
 *     pnpm speech
 *     pnpm speech -- --lang ja
 *
 * See README.md for the flags.
 */
import { lastValueFrom, tap } from 'rxjs';
import { connect } from '../common/connect.js';
import { numberFlag } from '../common/numberFlag.js';
import { exampleHelp, parseExampleFlags } from '../common/parseExampleFlags.js';
import { runMain } from '../common/runMain.js';
import { UsageError } from '../common/UsageError.js';
import { formatSpeechEvent } from './formatSpeechEvent.js';
import { speakAnswer } from './speakAnswer.js';
import { speechRequest } from './speechRequest.js';
import { standInSynthesizer } from './standInSynthesizer.js';

const FLAGS = {
  prompt: { type: 'string' },
  lang: { type: 'string' },
  'ms-per-char': { type: 'string' },
} as const;

const help = exampleHelp(
  'Streams an answer into sentences and speaks each one (a stand-in synthesizer), printing a timeline.',
  'pnpm speech -- [--prompt <text>] [--lang en|ja] [--ms-per-char <n>] [connection flags]',
  `  --prompt <text>       what to ask (default: "Tell me a joke.", or a Japanese prompt with --lang ja)
  --lang en|ja          the answer's language (default en)
  --ms-per-char <n>     how long the stand-in synthesizer takes per character, in ms (default 30)`,
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

  // The embedded emulator writes at a human pace, so that the overlap is visible.
  const connection = await connect(settings, { emulator: { tokens: 80, tokenIntervalMs: 40 } });
  try {
    const request = speechRequest(connection.model, language, values.prompt);
    process.stdout.write(`asking ${connection.model} at ${connection.description}: ${JSON.stringify(request.prompt)}\n`);
    const timeline = speakAnswer(connection.client.chat(request), { synthesize: standInSynthesizer({ msPerCharacter }) });
    await lastValueFrom(timeline.pipe(tap((event) => process.stdout.write(`${formatSpeechEvent(event)}\n`))), { defaultValue: undefined });
    return 0;
  } finally {
    await connection.close();
  }
}


runMain('speech', main);
