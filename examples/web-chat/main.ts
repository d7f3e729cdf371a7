/**
 * The live web chat: a small node:http server that serves the page and relays OCI Generative
 * AI answers to it as server-sent events, token by token, with a stop button that aborts the
 * upstream request.
 *
 *     pnpm web
 *     # then open http://127.0.0.1:8080/
 *
 * See README.md for the flags.
 */
import { connect } from '../common/connect.js';
import { numberFlag } from '../common/numberFlag.js';
import { exampleHelp, parseExampleFlags } from '../common/parseExampleFlags.js';
import { runMain } from '../common/runMain.js';
import { startWebChatServer } from './startWebChatServer.js';

const FLAGS = {
  port: { type: 'string' },
  host: { type: 'string' },
} as const;

const help = exampleHelp(
  'Serves a chat page that streams answers token by token, with a stop button.',
  'pnpm web -- [--port <n>] [--host <address>] [connection flags]',
  `  --port <n>            port to listen on (default 8080; 0 picks a free one)
  --host <address>      interface to listen on (default 127.0.0.1: this machine only)`,
);

async function main(argv: readonly string[]): Promise<number> {
  const { values, help: wantsHelp, connection: settings } = parseExampleFlags(argv, FLAGS);
  if (wantsHelp) {
    process.stdout.write(help);
    return 0;
  }
  const port = numberFlag('--port', values.port, 8080, { integer: true, min: 0 });
  // The embedded emulator writes at a reading pace, so that streaming (and stopping) shows.
  const connection = await connect(settings, { emulator: { tokens: 150, tokenIntervalMs: 40 } });
  const log = (line: string): void => {
    process.stderr.write(`${new Date().toISOString()} ${line}\n`);
  };
  const server = await startWebChatServer({ client: connection.client, model: connection.model, port, host: values.host ?? '127.0.0.1', log });
  process.stdout.write(`web chat on ${server.url} (${connection.model} at ${connection.description}); Ctrl-C stops it\n`);

  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await server.close();
  await connection.close();
  return 0;
}


runMain('web-chat', main);
