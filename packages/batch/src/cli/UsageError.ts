import { BatchError } from '../BatchError.js';

/**
 * A command line the program cannot use (a missing or malformed flag, an input file that cannot
 * be read). The command prints the message with a pointer to `--help` and exits with status 2,
 * the shell's usage-error code.
 *
 * @example
 * throw new UsageError('--input is required: the JSONL file of prompts.');
 */
export class UsageError extends BatchError {
  override readonly name = 'UsageError';
  readonly code = 'USAGE' as const;

  /** @param message What is wrong and how to fix it. */
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, options);
  }
}
