/**
 * The incremental sentence boundary scanner behind `bufferSentences`.
 *
 * Why hand-written: no well-kept, standalone library segments a token stream incrementally with
 * hold-back. `Intl.Segmenter` needs the whole text (re-segmenting the buffer for every token
 * would be quadratic) and splits at "Mr. Smith" and inside 「…」; the splitters on npm (sbd,
 * sentence-splitter, …) also take a whole text; the streaming ones we know of come inside large
 * frameworks (LiveKit Agents). So this reads each UTF-16 code unit once, in arrival order, and
 * keeps O(1) state between tokens: the bracket depth with at most four sentence ends an unclosed
 * bracket holds back ({@link Brackets}), the fence and line state, the current word
 * (capped), and at most one pending decision ({@link PendingBoundary}). Each decision depends only
 * on characters already read, so every chunking of a text yields the same sentences; chunking
 * changes only when they are emitted.
 */
import { PendingBoundary, Settled } from './PendingBoundary.js';
import { Brackets } from './Brackets.js';
import { TextBuffer } from './TextBuffer.js';
import {
  CharFlag, charFlags, DOUBLE_QUOTE, isBullet, isCloser, isHighSurrogate, isLowSurrogate, isOpener, isSpace, LF,
  Term, termOf,
} from './chars.js';
import { Cuts } from './Cuts.js';
import { Fence } from './Fence.js';
import type { SentenceOptions } from './SentenceOptions.js';
import { Word } from './Word.js';
import { longestAbbreviation } from './abbreviations.js';

const NONE: readonly string[] = Object.freeze([]);

export class SentenceScanner {
  private readonly text = new TextBuffer();
  private readonly fence = new Fence();
  private readonly word = new Word();
  private readonly cuts = new Cuts();
  private readonly pending: PendingBoundary;
  private readonly brackets: Brackets;
  /**
   * The pieces taken since the last drain. Made from a one-string literal and emptied, not from
   * `[]`: an empty literal starts as an array of small integers, and the first push of each new
   * stream deoptimized the scanner (TurboFan's push expected one, "not a Smi").
   */
  private readonly out: string[] = emptyStringList();
  private lastCode = LF;
  private lastNonSpace = -1;
  private lastNonSpaceCode = 0;
  /** Where the content of the current sentence starts (leading whitespace does not count for maxLength). */
  private contentStart = 0;
  private contentBeforeLine = -1;
  private lineStart = 0;
  private newlines = 0;
  private listLine = false;
  private cjkScript = false;
  /** The list marker that would start the next item (`2` after `1.`, `b` after `a.`), or ''. */
  private nextMarker = '';
  /**
   * Nothing is pending: no run of terminators waits for its decision, no bracket holds an end, no
   * line break was just read, no fence is open and there is no maxLength. Then an ordinary
   * character (see `CharFlag.Ordinary`) only extends the word, so {@link push} takes the fast path.
   */
  private quiet = false;
  private readonly flags = charFlags();
  /** No maxLength and no clause mode: nothing needs the clause and space positions ({@link Cuts}). */
  private readonly unlimited: boolean;
  /** No word of ASCII letters longer than this is an abbreviation (see `longestAbbreviation`). */
  private readonly longestAbbreviation: number;
  /** Clause mode's minimum piece length, or -1 when clause mode is off (or its one cut was made). */
  private clauseMinChars: number;
  /** Clause mode `pieces: 'first'`: clause cuts stop once a piece went out. */
  private readonly clausesFirstOnly: boolean;

  constructor(private readonly options: SentenceOptions) {
    this.pending = new PendingBoundary(options.locale, options.abbreviations);
    this.longestAbbreviation = longestAbbreviation(options.abbreviations);
    this.brackets = new Brackets(options.maxQuoteLength);
    this.clauseMinChars = options.clauses?.minChars ?? -1;
    this.clausesFirstOnly = options.clauses?.pieces === 'first';
    this.unlimited = options.maxLength === Infinity && options.clauses === null;
  }

  /** True while some received text has not been emitted yet. */
  get buffered(): boolean {
    return this.text.end > this.text.start;
  }

  /** Reads a token; returns the sentences it completed. */
  push(chunk: string): readonly string[] {
    const base = this.text.end;
    this.text.append(chunk);
    const length = chunk.length;
    let k = 0;
    while (k < length) {
      if (this.quiet) {
        k = this.readQuiet(chunk, k, base);
        if (k === length) break;
      }
      this.scan(chunk.charCodeAt(k), base + k);
      k++;
    }
    return this.drain();
  }

  /**
   * The fast path: what {@link scan} does with ordinary characters and spaces other than a line
   * break while {@link quiet}, minus what cannot apply (no decision to settle, no bracket, no
   * fence, no cut). Reads from `chunk[k]` until a character that needs {@link scan}; returns where
   * it stopped.
   *
   * One loop that reads each character at one place. Under callgrind's cache simulation the usual
   * pipeline's per-token code does not fit a 32 KiB instruction cache (the bare loop misses about
   * 70 times a token, the pipeline about 400), and each `charCodeAt` TurboFan inlines is a few
   * hundred bytes of machine code (it handles a string of any representation). The version before
   * this one read a word's letters in loops of their own: about 250 fewer instructions a token,
   * but five reading sites and 5.2 KB of code against 2.9 KB here; the pipeline's misses went from
   * about 400 to 340 a token.
   */
  private readQuiet(chunk: string, k: number, base: number): number {
    const { flags, word } = this;
    const length = chunk.length;
    const textStart = this.text.start;
    let cjkScript = this.cjkScript;
    let last = this.lastCode;
    let lastNonSpace = this.lastNonSpace;
    let lastNonSpaceCode = this.lastNonSpaceCode;
    for (; k < length; k++) {
      const c = chunk.charCodeAt(k);
      const f = flags[c] ?? 0;
      if ((f & CharFlag.Ordinary) !== 0) {
        if (lastNonSpace < textStart) this.contentStart = base + k;
        if ((f & CharFlag.WordBreak) !== 0) {
          word.end();
          if ((f & CharFlag.Cjk) !== 0) cjkScript = true;
        } else {
          if (word.empty) {
            // startWord reads the character before: bring it up to date first.
            this.lastNonSpace = lastNonSpace;
            this.lastNonSpaceCode = lastNonSpaceCode;
            this.startWord(base + k);
          }
          if ((f & CharFlag.Latin) !== 0) cjkScript = false;
          word.add(c);
        }
        lastNonSpace = base + k;
        lastNonSpaceCode = c;
        this.fence.onWordChar();
      } else if ((f & CharFlag.InlineSpace) !== 0) {
        this.fence.feedOutside(c, true);
        word.end();
      } else {
        break;
      }
      last = c;
    }
    this.lastNonSpace = lastNonSpace;
    this.lastNonSpaceCode = lastNonSpaceCode;
    this.cjkScript = cjkScript;
    this.lastCode = last;
    return k;
  }

  /** The stream ended: returns everything left (the partial sentence, or an unclosed fence). */
  end(): readonly string[] {
    this.unbalance();
    if (!this.fence.inside && this.lastNonSpace >= this.text.start) this.splitOverlong(this.lastNonSpace);
    this.emit(this.text.end);
    return this.drain();
  }

  /** maxWaitMs: returns what is buffered, except a fence (never split) or half a surrogate pair. */
  flushPartial(): readonly string[] {
    if (this.fence.inside) return NONE;
    let at = this.text.end;
    if (this.fence.pendingLine) at = Math.max(this.text.start, this.lineStart);
    if (at > this.text.start && isHighSurrogate(this.text.codeAt(at - 1))) at--;
    this.emit(at);
    return this.drain();
  }

  private scan(c: number, i: number): void {
    if (this.fence.inside) {
      if (this.fence.feedInside(c)) this.closeFence(i + 1);
    } else if (isSpace(c)) {
      this.scanSpace(c, i);
    } else {
      this.resolve(c, i);
      // The cut positions serve only maxLength and clause mode.
      if (!this.unlimited && this.cuts.onContent(c, i, isSpace(this.lastCode)) && this.clauseMinChars >= 0) this.clauseCut(i);
      const { maxLength } = this.options;
      if (i + 1 - this.contentStart > maxLength && !this.fence.mayOpenWith(c)) this.splitOverlong(i);
      if (this.fence.feedOutside(c, false)) this.openFence();
      else this.scanContent(c, i);
      this.lastNonSpace = i;
      this.lastNonSpaceCode = c;
    }
    this.lastCode = c;
    this.quiet = this.unlimited && !this.fence.inside && this.newlines === 0 && this.pending.idle && !this.brackets.holding;
  }

  private scanSpace(c: number, i: number): void {
    this.fence.feedOutside(c, true);
    this.pending.onSpace();
    if (c === LF) {
      this.newlines++;
      this.lineStart = i + 1;
      this.listLine = false;
      this.contentBeforeLine = this.lastNonSpace;
    }
    if (!this.unlimited) this.cuts.onSpace();
    this.word.end();
  }

  /** Settles the pending decision (or a blank line) at the non-space character `c`. */
  private resolve(c: number, i: number): void {
    const blank = this.newlines >= 2;
    this.newlines = 0;
    if (blank) this.unbalance();
    const settled = this.pending.settle(c, i, this.brackets.depth, blank);
    if (settled === Settled.ListMarker) this.listLine = true;
    else if (settled === Settled.Ends) this.boundary(i);
    else if (settled === Settled.EndedEarlier) this.boundary(this.pending.earlierEnd);
    else if (settled === Settled.No && isBullet(c) && isSpace(this.lastCode) && this.brackets.depth === 0) this.boundary(i);
    else if (settled === Settled.Held) this.brackets.hold(i, this.word.count);
    // Checked only between runs, so that no run is left pending with a depth that no longer holds.
    if (settled !== Settled.Waiting && this.brackets.overdue(i)) this.unbalance();
  }

  /** Takes open brackets as unbalanced (held too long, blank line, fence, end): their held ends become boundaries. */
  private unbalance(): void {
    const { ends, words } = this.brackets.unbalance();
    for (const at of ends) this.emit(at);
    if (ends.length > 0) this.word.sentenceEndedAt(words);
  }

  private scanContent(c: number, i: number): void {
    if (this.lastNonSpace < this.text.start) this.contentStart = i;
    const f = this.flags[c] ?? 0;
    // An ordinary character is no terminator, bracket or quote: only the word needs it.
    if ((f & CharFlag.Ordinary) === 0) this.scanPunctuation(c, i);
    if ((f & CharFlag.WordBreak) !== 0) {
      this.word.end();
      if ((f & CharFlag.Cjk) !== 0) this.cjkScript = true;
    } else {
      if (this.word.empty) this.startWord(i);
      this.word.add(c);
      if ((f & CharFlag.Latin) !== 0) this.cjkScript = false;
    }
  }

  /** A terminator, bracket, quote, bullet or fence character: the run, list and bracket state. */
  private scanPunctuation(c: number, i: number): void {
    const kind = termOf(this.flags, c);
    if (kind !== Term.None) {
      if (this.pending.idle) {
        const marker = kind === Term.Period && this.listMarker();
        this.pending.startRun(i, this.brackets.depth, this.cjkScript, this.lastCode);
        this.word.describe(this.pending.wordBefore, marker, this.longestAbbreviation);
      }
      this.pending.onTerminator(kind, c);
    } else if (c === 0x29 && this.brackets.depth === 0 && this.pending.idle && this.listMarker()) {
      this.listLine = true;
    }
    const opensQuote = c === DOUBLE_QUOTE && !this.pending.afterTerminator && (isSpace(this.lastCode) || isOpener(this.lastCode));
    if (isOpener(c) || opensQuote) this.brackets.open(i);
    else if (isCloser(c) || c === DOUBLE_QUOTE) this.brackets.close();
  }

  /**
   * Is the word before this `.` or `)` a list marker? `1`, `12` where a number may be one; a letter
   * only at the start of a sentence. In a list that opened a sentence, the marker that continues it
   * (`2` after `1.`, `b` after `a.`) starts a new one: `1. The first item 2. The second item` is two.
   */
  private listMarker(): boolean {
    const text = this.word.markerText;
    if (text === '' || !this.word.inListContext) return false;
    const letter = text.charCodeAt(0) >= 0x61;
    if (text === this.nextMarker && !this.word.first) {
      this.boundary(this.word.startsAt);
    } else if (!this.word.first) {
      // A list inside a sentence (`Steps: 1. mix 2. bake`) stays one sentence; letters there are words.
      this.nextMarker = '';
      return !letter;
    }
    this.nextMarker = letter ? String.fromCharCode(text.charCodeAt(0) + 1) : String(Number(text) + 1);
    return true;
  }

  /**
   * A word starts at `at`. Could a number starting here be a list marker: first word of the
   * sentence or line, after a colon, a bullet? And is a colon all that makes it one (see
   * `Word.start`)? One method for both: it runs for every word.
   */
  private startWord(at: number): void {
    const listStart = this.word.first || this.lastNonSpace < this.lineStart || isBullet(this.lastNonSpaceCode) || this.listLine;
    const colon = this.afterColon();
    this.word.start(listStart || colon, at, colon && !listStart);
  }

  private afterColon(): boolean {
    return this.lastNonSpaceCode === 0x3a || this.lastNonSpaceCode === 0xff1a;
  }

  /**
   * Clause mode: a clause ended right before `i`; cut there when the piece is long enough and the
   * cut cannot touch a sentence decision (no run of terminators waiting, no bracket open, no word
   * cut in two: `､` does not end a word). Only the
   * output is cut: the word and list state stay, so the sentence ends found are those of sentence
   * mode, and like them the cut depends only on characters already read.
   */
  private clauseCut(i: number): void {
    if (!this.pending.idle || this.brackets.depth > 0 || !this.word.empty || this.lastNonSpace < this.text.start) return;
    if (this.lastNonSpace + 1 - this.contentStart >= this.clauseMinChars) this.emit(i);
  }

  /** Cuts the sentence while its content (from contentStart to `i`) is longer than maxLength. */
  private splitOverlong(i: number): void {
    const max = this.options.maxLength;
    while (this.lastNonSpace >= this.text.start && i + 1 - this.contentStart > max) {
      const at = this.cuts.choose(this.contentStart, max);
      this.emit(at >= 0 ? at : this.hardCut(this.contentStart, this.contentStart + max));
    }
  }

  /** A cut at `limit`, moved so that it never separates a surrogate pair. */
  private hardCut(from: number, limit: number): number {
    if (!isHighSurrogate(this.text.codeAt(limit - 1)) || !isLowSurrogate(this.text.codeAt(limit))) return limit;
    return limit - 1 > from ? limit - 1 : limit + 1;
  }

  private openFence(): void {
    this.unbalance();
    if (this.contentBeforeLine >= this.text.start) this.emit(Math.max(this.lineStart, this.text.start));
    this.contentStart = this.text.start;
    this.pending.clear();
    this.word.end();
    this.word.sentenceStarted();
  }

  private closeFence(at: number): void {
    this.emit(at);
    this.lineStart = at;
    this.newlines = 0;
    this.listLine = false;
    this.cuts.reset();
  }

  /** A sentence boundary right before position `i`, unless the sentence is only whitespace so far. */
  private boundary(i: number): void {
    if (this.lastNonSpace < this.text.start) return;
    this.emit(i);
    this.word.sentenceStarted();
  }

  private emit(at: number): void {
    if (at <= this.text.start) return;
    this.out.push(this.text.take(at));
    if (this.clausesFirstOnly) this.clauseMinChars = -1;
    this.pending.cancelBefore(at);
    this.brackets.cut(at);
    this.contentStart = at;
  }

  private drain(): readonly string[] {
    if (this.out.length === 0) return NONE;
    // A copy, and `out` kept (see its comment).
    const pieces = this.out.slice();
    this.out.length = 0;
    return pieces;
  }
}

/** An empty array whose elements kind is already "any value" (see `SentenceScanner.out`). */
function emptyStringList(): string[] {
  const list = [''];
  list.length = 0;
  return list;
}
