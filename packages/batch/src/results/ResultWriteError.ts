import { BatchError } from '../BatchError.js';

/**
 * A result line could not be written (a full disk, a lost mount, no permission). The run stopped
 * at once, so no answer was dropped silently: every line written before it is intact, and a
 * re-run resumes after them.
 *
 * @example
 * // with --output /dev/full
 * error.written; // 0
 * error.reason; // 'no space left on the device (ENOSPC)'
 */
export class ResultWriteError extends BatchError {
  override readonly name = 'ResultWriteError';
  readonly code = 'OUTPUT' as const;
  /** Why the write failed, in words, with the system's code, e.g. `no space left on the device (ENOSPC)`. */
  readonly reason: string;

  /** Result lines written by this run before the failure. */
  readonly written: number;

  /**
   * @param reason What failed, in words (see writeFailureReason).
   * @param options.written Result lines written before the failure; options.cause the error of the failed write.
   */
  constructor(reason: string, options: { readonly written: number; readonly cause: unknown }) {
    super(`could not write a result line: ${reason}`, { cause: options.cause });
    this.reason = reason;
    this.written = options.written;
  }
}

/** The reason for a failed write, in words, from its error code (ENOSPC, EACCES…). */
export function writeFailureReason(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ENOSPC') return 'no space left on the device (ENOSPC)';
  if (code === 'EDQUOT') return 'disk quota exceeded (EDQUOT)';
  if (code === 'EACCES' || code === 'EPERM') return `permission denied (${code})`;
  if (code === 'EIO') return 'input/output error (EIO)';
  return error instanceof Error ? error.message : String(error);
}
