import { BatchError } from '../BatchError.js';

/**
 * The prompt file gives an id that the queue already holds with different content (another
 * prompt, model or setting). Nothing of the file was enqueued: results are stored by id, so two
 * prompts under one id could not be told apart. Give the changed prompts new ids, or use another
 * `--queue`.
 *
 * @example
 * error.ids; // ['q-7']
 */
export class QueueConflictError extends BatchError {
  override readonly name = 'QueueConflictError';
  readonly code = 'QUEUE_CONFLICT' as const;

  /** The conflicting ids, in input order. */
  readonly ids: readonly string[];

  /**
   * @param problem What conflicts, e.g. `2 prompt(s) reuse an id that queue "nightly" already holds with different content`.
   * @param options.ids The conflicting ids, in input order; options.lines their line numbers in the file.
   */
  constructor(problem: string, options: { readonly ids: readonly string[]; readonly lines: readonly number[] }) {
    const { ids, lines } = options;
    const listed = ids.slice(0, 10).map((id, i) => `line ${lines[i] ?? '?'}: id "${id}"`);
    const more = ids.length > 10 ? `\n  … and ${ids.length - 10} more` : '';
    super(`${problem}; nothing was enqueued:\n  ${listed.join('\n  ')}${more}\nGive changed prompts new ids, or use another --queue.`);
    this.ids = ids;
  }
}
