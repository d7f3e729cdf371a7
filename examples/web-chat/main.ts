/**
 * The live web chat: a small node:http server that serves the page and relays OCI Generative
 * AI answers to it as server-sent events, token by token, with a stop button that aborts the
 * upstream request.
 *
 *     pnpm exec tsx --conditions=@oci-genai-rx/source examples/web-chat/main.ts
 *     # then open http://127.0.0.1:8080/
 *
 * See README.md for the flags.
 */
import { parseArgs } from 'node:util';
import { connect } from '../shared/connect.js';
import { connectionFlagOptions, connectionFlagsHelp } from '../shared/connectionFlags.js';
import { numberFlag } from '../shared/numberFlag.js';
import { runMain } from '../shared/runMain.js';
import { UsageError } from '../shared/UsageError.js';
import { startWebChatServer } from './startWebChatServer.js';

const help = `Serves a chat page that streams answers token by token, with a stop button.

Usage: web-chat [--port <n>] [--host <address>] [connection flags]

  --port <n>            port to listen on (default 8080; 0 picks a free one)
  --host <address>      interface to listen on (default 127.0.0.1: this machine only)
  -h, --help            this text

${connectionFlagsHelp}`;

async function main(argv: readonly string[]): Promise<number> {
  const { values } = parse(argv);
  if (values.help) {
    process.stdout.write(`${help}\n`);
    return 0;
  }
  const port = numberFlag('--port', values.port, 8080, { integer: true, min: 0 });
  // The embedded emulator writes at a reading pace, so that streaming (and stopping) shows.
  const connection = await connect(values, { tokens: 150, tokenIntervalMs: 40 });
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

function parse(argv: readonly string[]) {
  try {
    return parseArgs({
      args: [...argv],
      options: {
        ...connectionFlagOptions,
        port: { type: 'string' },
        host: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

runMain('web-chat', main);
