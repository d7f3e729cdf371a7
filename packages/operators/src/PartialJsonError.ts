import { OciGenAiError } from '@oci-genai-rx/core';
import type { StandardSchemaV1 } from '@standard-schema/spec';

/**
 * Why {@link partialJson} failed:
 * - `invalid-json`: the text stopped being JSON (at `offset`);
 * - `incomplete`: the stream completed before the JSON value was;
 * - `schema`: the whole value did not pass the schema (see `issues`).
 */
export type PartialJsonErrorType = 'invalid-json' | 'incomplete' | 'schema';

/**
 * The options of a {@link PartialJsonError}: its own fields beside the message.
 *
 * @example
 * ```ts
 * { type: 'invalid-json', text: '{"a": tru', offset: 6 }
 * ```
 */
export interface PartialJsonErrorOptions {
  readonly type: PartialJsonErrorType;
  /** The model's whole text so far, exactly as it arrived. */
  readonly text: string;
  /** Where, in UTF-16 code units of `text`, the JSON broke (`invalid-json` only). */
  readonly offset?: number;
  /** The schema's issues (`schema` only). */
  readonly issues?: readonly StandardSchemaV1.Issue[];
}

/**
 * The model's text was not the JSON value {@link partialJson} expected. `text` holds the raw
 * output, so it can be logged, shown or sent back to the model to be fixed.
 *
 * @example
 * ```ts
 * from(['{"name": 42}']).pipe(partialJson({ schema: z.object({ name: z.string() }) })).subscribe({
 *   error: (e: PartialJsonError) => console.log(e.type, e.issues?.[0]?.message, e.text),
 * });
 * // schema Invalid input: expected string, received number {"name": 42}
 * ```
 */
export class PartialJsonError extends OciGenAiError {
  override readonly name = 'PartialJsonError';
  readonly code = 'INVALID_OUTPUT' as const;
  /** Why it failed: the discriminant to branch on. */
  readonly type: PartialJsonErrorType;
  /** The model's whole text so far. */
  readonly text: string;
  /** Where the JSON broke, for `invalid-json`. */
  readonly offset: number | undefined;
  /** The schema's issues, for `schema`; empty otherwise. */
  readonly issues: readonly StandardSchemaV1.Issue[];

  /** @param reason what went wrong, in words (the message is built around it). */
  constructor(reason: string, options: PartialJsonErrorOptions) {
    const { type, text, offset, issues = [] } = options;
    const where = offset === undefined ? '' : ` at offset ${offset}`;
    const listed = issues.length === 0 ? '' : `: ${issues.map(describeIssue).join('; ')}`;
    super(`The model's answer is not the JSON asked for (${type}${where}): ${reason}${listed}. Its text starts ${JSON.stringify(text.slice(0, 120))}.`);
    this.type = type;
    this.text = text;
    this.offset = offset;
    this.issues = issues;
  }
}

function describeIssue(issue: StandardSchemaV1.Issue): string {
  const path = (issue.path ?? []).map((part) => String(typeof part === 'object' ? part.key : part)).join('.');
  return path === '' ? issue.message : `${path}: ${issue.message}`;
}
