import { describeValue } from '@oci-genai-rx/core';
import type { ChatEvent } from '@oci-genai-rx/core';
import type { StandardSchemaV1 } from '@standard-schema/spec';
import { Observable } from 'rxjs';
import type { OperatorFunction } from 'rxjs';
import { PartialJsonError } from './PartialJsonError.js';
import type { PartialJsonErrorOptions } from './PartialJsonError.js';
import type { StreamResetEvent } from './retryStream.js';
import { JsonSyntaxError, PartialJsonParser } from './internal/partialJson/PartialJsonParser.js';
import { answerText } from './internal/tokens.js';

/**
 * A value while its JSON is still arriving: every property and element may be missing, and a
 * string may be cut short.
 *
 * @example
 * ```ts
 * const partial: PartialValue<{ name: string; tags: string[] }> = { name: 'Ad', tags: [] };
 * ```
 */
export type PartialValue<T> = T extends readonly (infer E)[]
  ? PartialValue<E>[]
  : T extends object
    ? { [K in keyof T]?: PartialValue<T[K]> }
    : T;

/** What {@link partialJson} reads: text tokens, or core's events (it reads `text` events and follows `retryStream` resets). */
export type PartialJsonSource = string | ChatEvent | StreamResetEvent;

/** The options of {@link partialJson}. */
export interface PartialJsonOptions<S extends StandardSchemaV1 = StandardSchemaV1> {
  /**
   * Any Standard Schema validator (zod, valibot, arktype, …). The whole value is validated
   * before it is emitted; the emission is the schema's output. Default: none (no validation).
   */
  readonly schema?: S | undefined;
  /**
   * How many container entries (keys or elements) an emission may cost per character read since
   * the last emission. An emission makes the next change copy the open containers on its path;
   * inside a long array (a list of records at the root) that copy grows with the array, so after
   * every token it would make the whole parse quadratic. Within this budget the copies stay
   * proportional to the text: a change inside an array of 400 entries is emitted once 25
   * characters have arrived since the last emission (at 16), a change inside small containers
   * after every token. The whole value is always emitted at once. `Infinity`: emit after every
   * token that changes the value, whatever the copy costs. Default: 16.
   */
  readonly copiesPerCharacter?: number | undefined;
}

/**
 * Turns the text of a JSON answer into the value it describes, while it is written: after each
 * token that changes the value, emits the value parsed so far; when the value is complete,
 * emits the whole value (validated by `schema` when one is given).
 *
 * Every emission is the parse of the text so far: strings are cut where the text stops (never
 * inside an escape or a surrogate pair), numbers, `true`, `false` and `null` appear only once
 * complete, a key only once its value has started. How the text is cut into tokens changes only
 * which prefixes you see, never the value for a prefix nor the final value. A Markdown fence
 * around the JSON (```json … ```) is skipped, and so is anything after the closing fence.
 *
 * Emitted values are never mutated afterwards: the next change copies the containers on the
 * path to it (unchanged subtrees keep their identity), so keeping or diffing emissions is safe.
 * Each character is examined once (no re-parse per token), and the copies stay within
 * `copiesPerCharacter` entries per character: inside a long array, a token's change waits for
 * the next token that brings the budget (the whole value is never held back).
 *
 * Completes when the source completes; errors with a {@link PartialJsonError} (carrying the raw
 * text) when the text is not JSON, when the source completes before the value does, or when the
 * schema rejects it; passes source errors through. Unsubscribing unsubscribes the source. On a
 * `retryStream` reset event it starts over with the new attempt's text.
 *
 * @param options `schema`: a Standard Schema validator for the whole value; `copiesPerCharacter`:
 *   the copy budget that keeps a long array linear (default 16).
 * @returns An operator from text tokens (or chat events) to partial values.
 *
 * @example
 * ```ts
 * from(['{"name": "Ad', 'a", "age": 3', '6, "tags": ["x"]}']).pipe(partialJson()).subscribe(console.log);
 * // { name: 'Ad' }
 * // { name: 'Ada' }                        age 3 may still be 36: not shown yet
 * // { name: 'Ada', age: 36, tags: [ 'x' ] }  the whole value
 * ```
 */
export function partialJson<T = unknown>(options?: { readonly schema?: undefined }): OperatorFunction<PartialJsonSource, PartialValue<T>>;
export function partialJson<S extends StandardSchemaV1>(options: PartialJsonOptions<S> & { readonly schema: S }): OperatorFunction<PartialJsonSource, PartialValue<StandardSchemaV1.InferOutput<S>>>;
export function partialJson(options?: PartialJsonOptions): OperatorFunction<PartialJsonSource, unknown>;
export function partialJson(options: PartialJsonOptions = {}): OperatorFunction<PartialJsonSource, unknown> {
  const { schema, copiesPerCharacter = 16 } = options;
  if (schema !== undefined && typeof schema['~standard']?.validate !== 'function') {
    throw new TypeError('partialJson: schema must be a Standard Schema validator (zod 3.24+, valibot 1, arktype 2, …): it has no ["~standard"].validate.');
  }
  if (typeof copiesPerCharacter !== 'number' || !(copiesPerCharacter > 0)) {
    throw new TypeError(`partialJson: copiesPerCharacter must be a number above 0 (Infinity emits after every change), got ${describeValue(copiesPerCharacter)}.`);
  }
  return (source) => new Observable((subscriber) => {
    let parser = new PartialJsonParser();
    // The text read so far, for the error that quotes it: the chunks, joined only for an error. A
    // string grown with `+=` kept a 32-byte rope node per chunk alive for the whole stream, which
    // the GC copied and marked again and again: over 400,000 tokens of one long JSON string the
    // list took the operator from about 220 to 160 ms of CPU, and 4x the text stays near 4x the time.
    let chunks: string[] = [];
    const text = (): string => chunks.join('');
    let unemitted = 0; // characters read since the last emission: the copy budget
    let settled = false; // the whole value was emitted (or is being validated)
    let validation: Promise<void> | undefined;

    const fail = (reason: string, options: PartialJsonErrorOptions) => subscriber.error(new PartialJsonError(reason, options));

    const emitWhole = (): void => {
      settled = true;
      const value = parser.snapshot.root;
      if (schema === undefined) {
        subscriber.next(value);
        return;
      }
      const checked = (result: StandardSchemaV1.Result<unknown>): void => {
        if (result.issues === undefined) subscriber.next(result.value);
        else fail('the schema rejected the whole value', { type: 'schema', text: text(), issues: result.issues });
      };
      const result = schema['~standard'].validate(value);
      if (result instanceof Promise) {
        validation = result.then(checked, (error: unknown) => subscriber.error(error));
      } else checked(result);
    };

    const read = (chunk: string): void => {
      chunks.push(chunk);
      try {
        parser.push(chunk);
      } catch (error) {
        syntaxFailure(error);
        return;
      }
      unemitted += chunk.length;
      if (parser.done) {
        if (!settled) emitWhole();
      } else if (parser.snapshot.changed) {
        if (parser.snapshot.copyCost() > copiesPerCharacter * unemitted) return;
        unemitted = 0;
        parser.snapshot.publish();
        subscriber.next(parser.snapshot.root);
      }
    };

    const syntaxFailure = (error: unknown): void => {
      if (!(error instanceof JsonSyntaxError)) throw error;
      fail(error.message, { type: 'invalid-json', text: text(), offset: error.offset });
    };

    const subscription = source.subscribe({
      next: (value) => {
        if (typeof value === 'string') {
          if (value !== '') read(value);
        } else if (value.type === 'reset') {
          parser = new PartialJsonParser();
          chunks = [];
          unemitted = 0;
          settled = false;
        } else if (value.type === 'text') read(answerText(value));
      },
      error: (error: unknown) => subscriber.error(error),
      complete: () => {
        if (!settled) {
          try {
            parser.end();
          } catch (error) {
            if (error instanceof JsonSyntaxError && error.incomplete) fail(error.message, { type: 'incomplete', text: text() });
            else syntaxFailure(error);
            return;
          }
          emitWhole();
        }
        if (validation === undefined) subscriber.complete();
        else void validation.then(() => subscriber.complete());
      },
    });
    return () => subscription.unsubscribe();
  });
}
