import { MAX_TIMER_MS, checkNumberOption } from '@oci-genai-rx/core';
import { asyncScheduler, Observable, type OperatorFunction, type SchedulerLike, type Subscriber, type Subscription } from 'rxjs';
import { checkScheduler } from './internal/checkOperatorOptions.js';
import { createSentenceSegmenter } from './internal/sentences/createSentenceSegmenter.js';
import { resolveSentenceOptions } from './internal/sentences/SentenceOptions.js';

/** Options of {@link bufferSentences}. Lengths count UTF-16 code units, like `String.length`. */
export interface BufferSentencesOptions {
  /** Sentences shorter than this many characters are merged with the next one. Default 0 (no merging). */
  readonly minLength?: number;
  /**
   * A sentence longer than this many characters (not counting whitespace around it) is split: after
   * the last `, ; : 、 ，` in the second half of the limit, else at the last whitespace, else hard
   * (never inside a surrogate pair). Code fences are never split. Default `Infinity` (no limit).
   */
  readonly maxLength?: number;
  /**
   * How long a bracket or quote that has not closed may hold back the sentence ends inside it. A
   * terminator inside `「…」`, `(…)`, `"…"` does not end the outer sentence, but an opener that never
   * closes would hold back every sentence up to the next blank line. So the opener is taken as
   * unbalanced, and the sentences it held back are emitted at once, when a fourth sentence end is
   * waiting inside it, or when one is and the text after the opener grows longer than this many
   * characters. A quotation that closes within both limits stays whole. `Infinity` keeps only the
   * four-end limit. Default 200.
   */
  readonly maxQuoteLength?: number;
  /**
   * After this many milliseconds without a sentence boundary, everything buffered is emitted as it
   * is (possibly mid-word). The clock starts when text is buffered and restarts at each emitted
   * sentence. A code fence still being received is never flushed early. Default `Infinity` (never).
   */
  readonly maxWaitMs?: number;
  /**
   * `'auto'` (default) decides per character: after CJK text, `.`/`!`/`?` end a sentence with no
   * space after them. `'en'` always wants the space; `'ja'` and `'zh'` (equivalent) never do.
   */
  readonly locale?: 'auto' | 'en' | 'ja' | 'zh';
  /**
   * Extra abbreviations (`'approx.'`, `'Sgt'`; case and the final dot do not matter). Like the built-in
   * `etc.`, they end a sentence only before an upper-case word. Default none.
   */
  readonly abbreviations?: readonly string[];
  /**
   * Clause mode, for speech: a piece also ends after a clause mark (`, ; :` followed by whitespace,
   * or `、 ， ； ：` directly) once the piece holds at least `minChars` characters (default 20, not
   * counting the whitespace around it), so that speaking can start before the sentence is over.
   * `pieces: 'first'` (default) cuts only the first piece of the stream, where the wait for the
   * first audio is; `'all'` cuts every piece. No cut inside brackets or quotes, or while `Dr.`-like
   * decisions are pending. Sentence ends stay where they are without it; chunking still never
   * changes the pieces. Default off.
   */
  readonly clauses?: { readonly minChars?: number; readonly pieces?: 'first' | 'all' };
  /** Schedules the `maxWaitMs` flush. Default `asyncScheduler`. */
  readonly scheduler?: SchedulerLike;
}

/**
 * Turns a stream of tokens (strings of any length) into a stream of whole sentences, each emitted
 * as soon as it is certainly complete.
 *
 * Joining everything emitted gives back the input exactly. Whitespace after a sentence belongs to
 * it (`"Hi. Bye."` → `"Hi. "`, `"Bye."`); so a sentence is emitted when the first non-space
 * character after it arrives, which also settles whether `Dr.`, `3.` or `etc.` ended it. Rules:
 * `. ! ? ?! ...` end English sentences, but not after titles (`Mr.`, `Dr.`, `e.g.`), initials,
 * inside numbers, versions, e-mails and URLs, after list markers (`Steps: 1. mix`), or before a
 * lower-case word; a list that opens a sentence (`1. The first item 2. The second`, `a. … b. …`, `• 9. …`)
 * gives one sentence per item; `. . .` is one ellipsis; `।`, `॥`, `؟`, `۔` end sentences too;
 * `。！？` end CJK sentences with no space needed; closing quotes and brackets
 * after a terminator belong to its sentence, and a terminator inside brackets or quotes does not
 * end the outer sentence, unless the bracket is still open four sentences or `maxQuoteLength`
 * characters later (a stray opener must not stall the stream); a blank line always ends one; a
 * fenced code block is emitted whole, as soon as its closing line is complete. Each character is
 * examined once: the time is linear.
 *
 * - On complete: emits the buffered rest (a partial sentence, the sentences an unclosed bracket held
 *   back, or an unclosed fence), then completes.
 * - On error: emits the buffered rest first, so no text is lost, then passes the error on.
 * - On unsubscribe: unsubscribes from the source, cancels the `maxWaitMs` timer and drops the buffer.
 *
 * @param options See {@link BufferSentencesOptions}; all optional.
 * @returns An operator from tokens to sentences; each emitted string is non-empty. A token that is
 *   not a string is an error: the buffered text is emitted, then a TypeError naming what arrived.
 * @throws RangeError/TypeError at once (not through the stream) when an option is invalid.
 *
 * @example
 * ```ts
 * from(['Hello Dr. Sm', 'ith. How', ' are you?']).pipe(bufferSentences()).subscribe(console.log);
 * // 'Hello Dr. Smith. '   (emitted with the token 'ith. How': its "H" shows that "Smith." ended)
 * // 'How are you?'        (emitted on complete)
 * from(['今日は「晴れ。」と', '言った。明日', 'は雨？']).pipe(bufferSentences()).subscribe(console.log);
 * // '今日は「晴れ。」と言った。'
 * // '明日は雨？'
 * from(['彼は「一。', '二。', '三。', '四。', '五。']).pipe(bufferSentences()).subscribe(console.log);
 * // '彼は「一。' '二。' '三。' '四。'   (all four with the token '五。': a 「 holding a fourth end is unbalanced)
 * // '五。'                          (emitted on complete)
 * from(['Well, as far as I know, the', ' train leaves at noon.']).pipe(bufferSentences({ clauses: { minChars: 20 } })).subscribe(console.log);
 * // 'Well, as far as I know, '   (a clause of 23 characters: with the token ' train leaves…')
 * // 'the train leaves at noon.'
 * ```
 */
export function bufferSentences(options: BufferSentencesOptions = {}): OperatorFunction<string, string> {
  const { maxWaitMs = Infinity, scheduler = asyncScheduler } = options;
  // Infinity means "never"; a finite wait beyond Node's timer range would fire after 1 ms.
  if (maxWaitMs !== Infinity) checkNumberOption('bufferSentences', 'maxWaitMs', maxWaitMs, { min: 0, max: MAX_TIMER_MS });
  checkScheduler('bufferSentences', scheduler);
  const sentenceOptions = resolveSentenceOptions(options);
  return (source) =>
    new Observable<string>((subscriber) => {
      const segmenter = createSentenceSegmenter(sentenceOptions);
      let timer: Subscription | null = null;
      const stopTimer = (): void => {
        timer?.unsubscribe();
        timer = null;
      };
      /** Starts the maxWaitMs clock when text waits, restarts it after a sentence went out. */
      const arm = (restart: boolean): void => {
        if (maxWaitMs === Infinity || subscriber.closed || !segmenter.buffered) return stopTimer();
        if (timer !== null && !restart) return;
        stopTimer();
        timer = scheduler.schedule(() => {
          timer = null;
          emitAll(subscriber, segmenter.flushPartial());
        }, maxWaitMs);
      };
      const finish = (): void => {
        stopTimer();
        emitAll(subscriber, segmenter.end());
      };
      let subscription: Subscription | undefined = undefined;
      subscription = source.subscribe({
        next: (token: unknown) => {
          if (typeof token !== 'string') {
            // Typed callers cannot get here; an untyped one (a JSON source, a mapped event) can, and
            // a wrong value must reach the subscriber, never be dropped or thrown past it.
            finish();
            subscriber.error(new TypeError(`bufferSentences: every token must be a string, got ${describeValue(token)}. Map the source to text first (for core's events: toText()).`));
            subscription?.unsubscribe();
            return;
          }
          const sentences = segmenter.push(token);
          // emitAll is a module function, not a closure made per subscription: such a closure,
          // called from this per-token code, was inlined by TurboFan and deoptimized it in each new stream.
          if (sentences.length > 0) emitAll(subscriber, sentences);
          if (maxWaitMs !== Infinity) arm(sentences.length > 0);
        },
        error: (error: unknown) => {
          finish();
          subscriber.error(error);
        },
        complete: () => {
          finish();
          subscriber.complete();
        },
      });
      if (subscriber.closed) subscription.unsubscribe();
      return () => {
        stopTimer();
        subscription?.unsubscribe();
      };
    });
}

/** Sends each sentence on, in order. Indexed: for…of would make an iterator for each call. */
function emitAll(subscriber: Subscriber<string>, sentences: readonly string[]): void {
  for (let k = 0; k < sentences.length; k++) subscriber.next(sentences[k] as string);
}

/** A short, secret-free description of a wrong value: its type, and the value itself only for small primitives. */
function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return `${typeof value} ${String(value)}`;
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? `an object (${Object.prototype.toString.call(value).slice(8, -1)})` : typeof value;
}
