/**
 * Streams an answer from OCI Generative AI to the terminal, token by token.
 *
 *   pnpm start -- "Tell me a joke."
 *
 * With no OCI configuration it answers from the embedded emulator; see --help and README.md.
 */
import { ExitCode } from './formatError.js';
import { runCli } from './runCli.js';

// stdout carries the answer alone (users pipe it), stderr one line per failure: the libraries'
// console chatter is dropped (oci-common console.info()s "No DEFAULT profile was specified" for a
// config file without [DEFAULT]), or goes to stderr with --debug.
const chatter = process.argv.includes('--debug') ? console.error : (): void => undefined;
console.log = console.info = console.debug = chatter;

const interrupt = new AbortController();
process.once('SIGINT', () => {
  interrupt.abort();
  // A second Ctrl-C does not wait for the clean-up.
  process.once('SIGINT', () => process.exit(ExitCode.interrupted));
});

const code = await runCli({
  argv: process.argv.slice(2),
  env: process.env,
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  interrupt: interrupt.signal,
});
process.exitCode = code;
// Everything is closed by now; if a stray handle keeps the loop alive, do not hang the terminal.
setTimeout(() => process.exit(code), 2000).unref();
