/**
 * The features of issue 12, one small program each, against OCI or (with no OCI configuration)
 * the embedded emulator: the README sections show their code and what they print, and
 * examples/test/features.test.ts checks that they still print it.
 *
 *     pnpm features -- partial-json
 *     pnpm features -- all
 */
import { connect } from '../common/connect.js';
import type { Connection } from '../common/connect.js';
import { connectionFlagOptions, connectionFlagsHelp, connectionSettings } from '../common/connectionFlags.js';
import { parseFlags } from '../common/parseFlags.js';
import { runMain } from '../common/runMain.js';
import { UsageError } from '../common/UsageError.js';
import { asyncIterableExample } from './asyncIterable.js';
import { partialJsonExample } from './partialJson.js';
import { runToolsExample } from './runTools.js';
import { traceChatExample } from './traceChat.js';
import { uiChatExample } from './uiChat.js';

/** Each feature's name on the command line, and its example. */
const features: Readonly<Record<string, (connection: Connection) => Promise<void>>> = {
  'partial-json': partialJsonExample,
  'run-tools': runToolsExample,
  'trace-chat': traceChatExample,
  'async-iterable': asyncIterableExample,
  'ui-chat': uiChatExample,
};

const help = `Runs the example of one feature, or of all of them, and prints what it shows.

Usage: pnpm features -- <${Object.keys(features).join(' | ')} | all> [connection flags]

  -h, --help            this text

${connectionFlagsHelp}
`;

async function main(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseFlags(argv, { ...connectionFlagOptions, help: { type: 'boolean', short: 'h' } }, true);
  if (values.help === true) {
    process.stdout.write(help);
    return 0;
  }
  const [name, extra] = positionals;
  if (name === undefined || extra !== undefined || (name !== 'all' && features[name] === undefined)) {
    throw new UsageError(`Name one feature: ${Object.keys(features).join(', ')}, or all${name === undefined ? '' : `, not "${positionals.join(' ')}"`}.`);
  }
  const connection = await connect(connectionSettings(values));
  try {
    if (connection.notice !== undefined) process.stderr.write(`${connection.notice}\n`);
    for (const [feature, example] of Object.entries(features)) {
      if (name !== 'all' && name !== feature) continue;
      if (name === 'all') console.log(`== ${feature}`);
      await example(connection);
    }
  } finally {
    await connection.close();
  }
  return 0;
}

runMain('features', main);
