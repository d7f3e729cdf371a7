/**
 * A command line the program cannot use (a missing or malformed flag). `main` prints the
 * message with a pointer to `--help` and exits with status 2, the shell's usage-error code.
 *
 * @example
 * throw new UsageError('--input is required: the JSONL file of prompts.');
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
