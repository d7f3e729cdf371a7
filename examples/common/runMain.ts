import { OciGenAiError } from '@oci-genai-rx/core';
import { UsageError } from './UsageError.js';

/**
 * Runs an example's `main` with the process's arguments and turns its outcome into the exit
 * status: its return value; 2 for a {@link UsageError} or a configuration error (printed with
 * a pointer to `--help`); 1 for anything else, printed without a stack when it is one of the
 * library's readable errors.
 *
 * `process.exitCode` is set rather than calling `process.exit()`, so that output still queued
 * for a pipe is written before the process ends.
 *
 * @example
 * runMain('batch', async (argv) => { … return 0; });
 */
export function runMain(name: string, main: (argv: readonly string[]) => Promise<number>): void {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.exitCode = report(name, error);
    },
  );
}

function report(name: string, error: unknown): number {
  if (error instanceof UsageError) {
    // parseFlags already points at --help for a malformed command line.
    const pointer = error.message.includes('--help') ? '' : '\nRun with --help for the flags.';
    process.stderr.write(`${name}: ${error.message}${pointer}\n`);
    return 2;
  }
  if (error instanceof OciGenAiError) {
    process.stderr.write(`${name}: ${error.name}: ${error.message}\n`);
    return error.code === 'CONFIGURATION' ? 2 : 1;
  }
  process.stderr.write(`${name}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  return 1;
}
