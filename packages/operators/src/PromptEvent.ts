/** How a prompt is named in a {@link PromptEvent}: `options.key(prompt, index)`, or its index. */
export type PromptKey = string | number;

/**
 * One item of `mergePrompts()`: an event of one prompt's stream, tagged with the prompt; then
 * exactly one `complete` or `error` item for that prompt.
 *
 * @example
 * ```ts
 * { type: 'event', index: 0, key: 'q-17', prompt: 'Say hi.', event: { type: 'text', text: 'Hi' } }
 * { type: 'complete', index: 0, key: 'q-17', prompt: 'Say hi.' }
 * { type: 'error', index: 1, key: 'q-18', prompt: 'Say bye.', error: RateLimitError }
 * ```
 */
export type PromptEvent<P, E> = PromptValueEvent<P, E> | PromptErrorEvent<P> | PromptCompleteEvent<P>;

/** What every item of `mergePrompts()` carries. */
export interface PromptTag<P> {
  /** The prompt's position in the list (or arrival order from an Observable), from 0. */
  readonly index: number;
  /** The prompt's key: `options.key(prompt, index)`, default the index. */
  readonly key: PromptKey;
  /** The prompt itself. */
  readonly prompt: P;
}

/** A value of one prompt's stream. */
export interface PromptValueEvent<P, E> extends PromptTag<P> {
  readonly type: 'event';
  readonly event: E;
}

/** The prompt's stream failed (its last item). */
export interface PromptErrorEvent<P> extends PromptTag<P> {
  readonly type: 'error';
  readonly error: unknown;
}

/** The prompt's stream completed (its last item). */
export interface PromptCompleteEvent<P> extends PromptTag<P> {
  readonly type: 'complete';
}
