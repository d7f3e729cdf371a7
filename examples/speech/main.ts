/**
 * The speech pipeline on the command line: streams an answer, cuts it into sentences and
 * "speaks" each with a stand-in synthesizer, printing a timeline that shows the first sentence
 * spoken while the model is still writing.
 *
 *     pnpm exec tsx --conditions=@oci-genai-rx/source examples/speech/main.ts
 *     pnpm exec tsx --conditions=@oci-genai-rx/source examples/speech/main.ts --lang ja
 *
 * See README.md for the flags.
 */
import { parseArgs } from 'node:util';
import { lastValueFrom, tap } from 'rxjs';
import { connect } from '../shared/connect.js';
import { connectionFlagOptions, connectionFlagsHelp } from '../shared/connectionFlags.js';
import { numberFlag } from '../shared/numberFlag.js';
import { runMain } from '../shared/runMain.js';
import { UsageError } from '../shared/UsageError.js';
import { formatSpeechEvent } from './formatSpeechEvent.js';
import { speakAnswer } from './speakAnswer.js';
import { speechRequest } from './speechRequest.js';
import { standInSynthesizer } from './standInSynthesizer.js';

const help = `Streams an answer into sentences and speaks each one (a stand-in synthesizer), printing a timeline.

Usage: speech [--prompt <text>] [--lang en|ja] [--ms-per-char <n>] [connection flags]

  --prompt <text>       what to ask (default: "Tell me a joke.", or a Japanese prompt with --lang ja)
  --lang en|ja          the answer's language (default en)
  --ms-per-char <n>     how long the stand-in synthesizer takes per character, in ms (default 30)
  -h, --help            this text

${connectionFlagsHelp}`;

async function main(argv: readonly string[]): Promise<number> {
  const { values } = parse(argv);
  if (values.help) {
    process.stdout.write(`${help}\n`);
    return 0;
  }
  const language = values.lang ?? 'en';
  if (language !== 'en' && language !== 'ja') throw new UsageError(`--lang must be en or ja, got "${language}".`);
  const msPerCharacter = numberFlag('--ms-per-char', values['ms-per-char'], 30, { min: 0 });

  // The embedded emulator writes at a human pace, so that the overlap is visible.
  const connection = await connect(values, { tokenIntervalMs: 40 });
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

function parse(argv: readonly string[]) {
  try {
    return parseArgs({
      args: [...argv],
      options: {
        ...connectionFlagOptions,
        prompt: { type: 'string' },
        lang: { type: 'string' },
        'ms-per-char': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

runMain('speech', main);
