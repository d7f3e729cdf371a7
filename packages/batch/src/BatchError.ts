/**
 * The stable discriminant of every error the batch runner raises.
 *
 * @example
 * if (error instanceof BatchError && error.code === 'PROMPT_FILE') console.error(error.message);
 */
export type BatchErrorCode = 'USAGE' | 'PROMPT_LINE' | 'PROMPT_FILE' | 'OUTPUT' | 'REDIS' | 'QUEUE_CONFLICT';

/**
 * The base class of the batch runner's errors: branch on `instanceof` or on `code`. The message
 * says what was wrong and how to fix it.
 *
 * @example
 * try {
 *   await readPrompts('prompts.jsonl');
 * } catch (error) {
 *   if (error instanceof BatchError) console.error(error.code, error.message); // PROMPT_FILE prompts.jsonl has 1 invalid line(s); …
 * }
 */
export abstract class BatchError extends Error {
  /** The stable discriminant. */
  abstract readonly code: BatchErrorCode;

  protected constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
  }
}
