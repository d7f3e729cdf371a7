import { ConnectionError, IncompleteStreamError } from '@oci-genai-rx/core';
import type { ChatEvent } from '@oci-genai-rx/core';
import { Observable } from 'rxjs';
import type { OperatorFunction, Subscription } from 'rxjs';
import { StreamTimeoutError } from './StreamTimeoutError.js';
import { OverlapTrimmer } from './internal/OverlapTrimmer.js';

/**
 * Emitted by {@link resumeStream} when a continuation has started (its response headers came):
 * the text after it continues the answer already shown.
 *
 * @example
 * ```ts
 * { type: 'resume', attempt: 1, error: ConnectionError, resumedAfterChars: 57, opcRequestId: 'C3F1…' }
 * ```
 */
export interface ResumeEvent {
  readonly type: 'resume';
  /** The resume that started: 1 for the first. */
  readonly attempt: number;
  /** The error that broke the stream. */
  readonly error: unknown;
  /** How many characters of answer text had been shown when it broke. */
  readonly resumedAfterChars: number;
  /** The continuation's `opc-request-id`. */
  readonly opcRequestId: string;
}

/** The options of {@link resumeStream}. */
export interface ResumeStreamConfig {
  /**
   * Starts the continuation, given the answer text shown so far: usually
   * `(partial) => client.chat(continueAnswer(request, partial))`, with the same per-attempt
   * operators (e.g. `streamTimeout`) as the original.
   */
  readonly resume: (partialText: string, attempt: number) => Observable<ChatEvent>;
  /** The most continuations per subscription. Default: 1. */
  readonly maxResumes?: number;
  /**
   * Whether an error after text was shown is resumed. Default: a connection failure, an
   * incomplete stream (EOF before the finish) or an idle timeout.
   */
  readonly shouldResume?: (error: unknown) => boolean;
  /**
   * The shortest restatement that is dropped: when a continuation begins with at least this
   * many characters that repeat the end of the text shown, they are dropped. Default: 8.
   */
  readonly minOverlapChars?: number;
}

/**
 * Finishes an answer whose stream broke after text was shown: it sends the conversation plus
 * the partial answer and asks the model to continue (see core's `continueAnswer`), then joins
 * the continuation to the text already shown, so the subscriber sees the partial answer plus
 * the rest, never a duplicate and never a gap.
 *
 * The overlap rule: models sometimes restate the last words before they go on. Of the
 * continuation's first text, the longest prefix of at least `minOverlapChars` characters that
 * equals the end of the text shown (looking back at most 200 characters) is dropped. To decide,
 * the continuation's text is held back until it can no longer be such a restatement (at most
 * 200 characters, or its end).
 *
 * An error before any text passes through (`retryStream`'s job: place that after this
 * operator), and so does an error that `shouldResume` rejects or one after `maxResumes`.
 * A stream with a tool call is never resumed: the call's fragments before the break are lost
 * with the connection, and a model asked to continue would repeat or half-repeat the call.
 * The continuation's `start` event becomes a {@link ResumeEvent}; its other events pass through.
 * Completion and errors of the last attempt pass through; unsubscribing stops the attempt.
 *
 * @param config The options.
 * @returns An operator that continues a broken answer instead of failing.
 *
 * @example
 * ```ts
 * const request = { model: 'meta.llama-3.3-70b-instruct', prompt: 'Tell me a joke.' };
 * client.chat(request).pipe(
 *   resumeStream({ resume: (partial) => client.chat(continueAnswer(request, partial)) }),
 *   toText(),
 * ).subscribe((token) => process.stdout.write(token));
 * // Why did the scarecrow win an award? Because he was outstanding in his field.
 * // (the same text whether or not the connection dropped halfway)
 * ```
 */
export function resumeStream(config: ResumeStreamConfig): OperatorFunction<ChatEvent, ChatEvent | ResumeEvent> {
  const { resume, maxResumes = 1, shouldResume = isResumable, minOverlapChars = 8 } = config;
  checkOptions(resume, maxResumes, minOverlapChars);

  return (source) =>
    new Observable<ChatEvent | ResumeEvent>((subscriber) => {
      let shown = '';
      let sawToolCall = false;
      let resumes = 0;
      let current: Subscription | undefined;
      let attempts = 0;

      const follow = (attempt: Observable<ChatEvent>, trimmer?: OverlapTrimmer, cause?: unknown): void => {
        const generation = ++attempts;
        const subscription = attempt.subscribe({
          next: (event) => {
            if (event.type === 'start' && trimmer !== undefined) {
              subscriber.next({ type: 'resume', attempt: resumes, error: cause, resumedAfterChars: shown.length, opcRequestId: event.opcRequestId });
              return;
            }
            if (event.type === 'text') {
              const text = trimmer === undefined ? event.text : trimmer.push(event.text);
              if (text !== '') emitText(text);
              return;
            }
            if (event.type === 'tool-call') sawToolCall = true;
            // Nothing but text can follow a held-back restatement out of order: let it out first.
            if (trimmer !== undefined && event.type !== 'reasoning') flush(trimmer);
            subscriber.next(event);
          },
          error: (error: unknown) => {
            if (trimmer !== undefined) flush(trimmer);
            if (shown === '' || sawToolCall || resumes >= maxResumes || !shouldResume(error)) return subscriber.error(error);
            resumes += 1;
            const continuation = resume(shown, resumes);
            follow(continuation, new OverlapTrimmer(shown, minOverlapChars), error);
          },
          complete: () => {
            if (trimmer !== undefined) flush(trimmer);
            subscriber.complete();
          },
        });
        // An attempt that failed synchronously has already started the next one: keep that.
        if (generation === attempts) current = subscription;
      };

      const emitText = (text: string): void => {
        shown += text;
        subscriber.next({ type: 'text', text });
      };
      const flush = (trimmer: OverlapTrimmer): void => {
        const rest = trimmer.end();
        if (rest !== '') emitText(rest);
      };

      follow(source);
      return () => current?.unsubscribe();
    });
}

/** The default of `shouldResume`: the failures that break a stream midway. */
function isResumable(error: unknown): boolean {
  return (
    error instanceof ConnectionError ||
    error instanceof IncompleteStreamError ||
    (error instanceof StreamTimeoutError && error.phase === 'idle')
  );
}

function checkOptions(resume: unknown, maxResumes: unknown, minOverlapChars: unknown): void {
  if (typeof resume !== 'function') {
    throw new TypeError('resumeStream: resume must be a function (partialText, attempt) => Observable<ChatEvent>, e.g. (partial) => client.chat(continueAnswer(request, partial)).');
  }
  if (!(Number.isInteger(maxResumes) && (maxResumes as number) >= 0)) {
    throw new RangeError(`resumeStream: maxResumes must be a whole number >= 0; got ${String(maxResumes)}.`);
  }
  if (!(Number.isInteger(minOverlapChars) && (minOverlapChars as number) >= 1)) {
    throw new RangeError(`resumeStream: minOverlapChars must be a whole number >= 1; got ${String(minOverlapChars)}.`);
  }
}
