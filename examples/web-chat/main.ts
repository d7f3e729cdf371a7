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
  token: { type: 'string' },
  'allow-host': { type: 'string', multiple: true },
  'allow-origin': { type: 'string', multiple: true },
  'max-answers-per-client': { type: 'string' },
} as const;

const help = exampleHelp(
  'Serves a chat page that streams answers token by token, with a stop button.',
  'pnpm web -- [--port <n>] [--host <address>] [--token <t>] [connection flags]',
  `  --port <n>                    port to listen on (default 8080; 0 picks a free one)
  --host <address>              interface to listen on (default 127.0.0.1: this machine only);
                                any other needs a token
  --token <t>                   the token answer requests must carry (default: $WEB_CHAT_TOKEN;
                                the environment keeps it out of the process list)
  --allow-host <name>           another Host name that reaches this server (repeatable)
  --allow-origin <origin>       another page's origin that may call the API, e.g. a useChat app
                                on http://localhost:3000 (repeatable)
  --max-answers-per-client <n>  answers one client may run at once (default 2)`,
);

async function main(argv: readonly string[]): Promise<number> {
  const { values, help: wantsHelp, connection: settings } = parseExampleFlags(argv, FLAGS);
  if (wantsHelp) {
    process.stdout.write(help);
    return 0;
  }
  const port = numberFlag('--port', values.port, 8080, { integer: true, min: 0 });
  const maxAnswersPerClient = numberFlag('--max-answers-per-client', values['max-answers-per-client'], 2, { integer: true, positive: true });
  // The embedded emulator writes its short replies at a reading pace, so that streaming (and stopping) shows.
  const connection = await connect(settings, { emulator: { tokenIntervalMs: 40 } });
  const log = (line: string): void => {
    process.stderr.write(`${new Date().toISOString()} ${line}\n`);
  };
  const token = values.token ?? process.env['WEB_CHAT_TOKEN'];
  const server = await startWebChatServer({
    client: connection.client,
    model: connection.model,
    port,
    host: values.host ?? '127.0.0.1',
    ...(token !== undefined && token !== '' && { token }),
    allowedHosts: values['allow-host'] ?? [],
    allowedOrigins: values['allow-origin'] ?? [],
    maxAnswersPerClient,
    log,
  }).catch(async (error: unknown) => {
    await connection.close();
    throw error;
  });
  process.stdout.write(`web chat on ${server.url} (${connection.model} at ${connection.description}); Ctrl-C stops it\n`);
  // The token itself is never printed; after '#' the browser never sends it, so it stays out of request logs.
  if (token !== undefined && token !== '') process.stdout.write(`answers need the token: open ${server.url}#token=<your token>\n`);

  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await server.close();
  await connection.close();
  return 0;
}


runMain('web-chat', main);
