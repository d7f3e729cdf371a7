import type { Answer, ChatEvent, FinishReason, Usage } from '@oci-genai-rx/core';
import { addToAnswer, emptyAnswer, IncompleteStreamError } from '@oci-genai-rx/core';
import { Observable } from 'rxjs';
import type { OperatorFunction } from 'rxjs';
import type { PromptEvent, PromptKey } from './PromptEvent.js';
import { isToken } from './internal/tokens.js';

/**
 * The outcome of one prompt of `mergePrompts()`: the prompt, and the parts of its answer a
 * batch stores. The answer is gathered with core's `addToAnswer`, as `collectAnswer` gathers
 * it; `finishReason` is that answer's `finish.reason`. Fields the answer did not have are absent.
 *
 * @example
 * ```ts
 * { index: 0, key: 0, prompt: 'Say hi.', text: 'Hi!', finishReason: 'stop', usage: { totalTokens: 12 } }
 * { index: 1, key: 1, prompt: 'Say bye.', text: '', error: RateLimitError }
 * ```
 */
export interface PromptResult<P> {
  readonly index: number;
  readonly key: PromptKey;
  readonly prompt: P;
  /** The answer's text: the string tokens, or the `text` events, concatenated (no reasoning). */
  readonly text: string;
  /** The last `usage` event's counts, when the stream sent one. */
  readonly usage?: Usage;
  /** The `finish` event's reason, when the stream sent one. */
  readonly finishReason?: FinishReason;
  /** The `opc-request-id` of the answer's `start` event, when the stream sent one. */
  readonly opcRequestId?: string;
  /** Why the prompt failed; absent when it completed. The text then holds what arrived before. */
  readonly error?: unknown;
}

interface Draft<P> {
  readonly index: number;
  readonly key: PromptKey;
  readonly prompt: P;
  answer: Answer;
  tokens: number;
}

function resultOf<P>({ index, key, prompt, answer }: Draft<P>): PromptResult<P> {
  return {
    index,
    key,
    prompt,
    text: answer.text,
    ...(answer.usage === undefined ? {} : { usage: answer.usage }),
    ...(answer.finish === undefined ? {} : { finishReason: answer.finish.reason }),
    ...(answer.opcRequestId === undefined || answer.opcRequestId === '' ? {} : { opcRequestId: answer.opcRequestId }),
  };
}

/**
 * Turns the items of `mergePrompts()` into one {@link PromptResult} per prompt, emitted as soon
 * as that prompt completes or fails (in the order prompts end), so a batch can store each
 * result without waiting for the others.
 *
 * When the source completes, prompts that had no `complete` or `error` item are emitted with
 * an `IncompleteStreamError` (never silently as if whole). Errors pass through; unsubscribing
 * unsubscribes the source.
 *
 * @returns An operator from prompt items to prompt results.
 *
 * @example
 * ```ts
 * mergePrompts(['a', 'b'], (p) => (p === 'a' ? of('Hel', 'lo') : throwError(() => new Error('boom'))))
 *   .pipe(promptResults())
 *   .subscribe((r) => console.log(r.index, JSON.stringify(r.text), r.error instanceof Error ? r.error.message : 'ok'));
 * // 0 "Hello" ok
 * // 1 "" boom
 * ```
 */
export function promptResults<P>(): OperatorFunction<PromptEvent<P, ChatEvent | string>, PromptResult<P>> {
  return (source) =>
    new Observable<PromptResult<P>>((subscriber) => {
      const drafts = new Map<number, Draft<P>>();
      const draftOf = ({ index, key, prompt }: PromptEvent<P, unknown>): Draft<P> => {
        const found = drafts.get(index);
        if (found !== undefined) return found;
        const draft: Draft<P> = { index, key, prompt, answer: emptyAnswer, tokens: 0 };
        drafts.set(index, draft);
        return draft;
      };
      const finish = (draft: Draft<P>, error?: { error: unknown }): void => {
        drafts.delete(draft.index);
        const result = resultOf(draft);
        subscriber.next(error === undefined ? result : { ...result, ...error });
      };

      const sub = source.subscribe({
        next: (item) => {
          const draft = draftOf(item);
          if (item.type === 'complete') return finish(draft);
          if (item.type === 'error') return finish(draft, { error: item.error });
          const event = item.event;
          if (isToken(event)) draft.tokens += 1;
          draft.answer = typeof event === 'string' ? { ...draft.answer, text: draft.answer.text + event } : addToAnswer(draft.answer, event);
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => {
          for (const draft of [...drafts.values()].sort((a, b) => a.index - b.index)) {
            const message = `The prompt items ended before prompt ${draft.index} completed: its text may be partial.`;
            finish(draft, { error: new IncompleteStreamError(message, { tokensReceived: draft.tokens }) });
          }
          subscriber.complete();
        },
      });
      return () => sub.unsubscribe();
    });
}
