/**
 * The one decision the scanner defers: does the run of terminators it just read (with any closing
 * quotes or brackets after it) end the sentence? It is taken at the first character after the run
 * that settles it, never later: either a non-space character right after the run ("direct"), or
 * the first non-space character after the whitespace that follows the run ("spaced").
 */
import { classifyWord, WordClass, type WordRecord } from './abbreviations.js';
import type { SentenceLocale } from './SentenceOptions.js';

import { isCjk, isDigit, isLower, isOpener, isSpace, isTrailingCloser, isUpper, isWordChar, LF, Term, charFlags, termOf } from './chars.js';


/** Where the scanner is relative to the pending run: in it, in the closers after it, in the space after. */
const Phase = { Text: 0, Run: 1, Close: 2, Space: 3 } as const;
type Phase = (typeof Phase)[keyof typeof Phase];

/**
 * The outcome of {@link PendingBoundary.settle}. `Held`: the run would end the sentence, but a
 * bracket or quote opened before it is still open (it ends the sentence only if that bracket
 * turns out to be unbalanced).
 */
export const Settled = { No: 0, Ends: 1, Waiting: 2, ListMarker: 3, Held: 4, EndedEarlier: 5 } as const;
export type Settled = (typeof Settled)[keyof typeof Settled];

/** Holds at most one run of terminators until the character that decides it arrives. */
export class PendingBoundary {
  private phase: Phase = Phase.Text;
  /**
   * The run, one object for the whole stream: {@link startRun} resets it rather than allocating
   * one per run (with its word, that was about 300 bytes per sentence end).
   */
  private readonly run: Candidate = newCandidate();
  private active = false;
  /** Spaces read since the run (or its closers). */
  private gap = 0;
  private earlier = -1;
  /** The last closer read after the run. */
  private closer = 0;
  private readonly flags = charFlags();

  constructor(
    private readonly locale: SentenceLocale,
    private readonly abbreviations: ReadonlySet<string>,
  ) {}

  /** No run of terminators is waiting for its decision. */
  get idle(): boolean {
    return !this.active;
  }

  /** The word before the run {@link startRun} started, for the scanner to fill in (see `Word.describe`). */
  get wordBefore(): WordRecord {
    return this.run.word;
  }

  /** Right after a terminator or its closers (where a `"` closes a quotation). */
  get afterTerminator(): boolean {
    return this.phase === Phase.Run || this.phase === Phase.Close;
  }

  onSpace(): void {
    if (this.afterTerminator) {
      this.phase = Phase.Space;
      this.gap = 0;
    }
    this.gap++;
  }

  /** After {@link Settled.EndedEarlier}: where that sentence ended (the second dot of `word. . . .`). */
  get earlierEnd(): number {
    return this.earlier;
  }

  /**
   * A run of terminators starts at `i` (called while {@link idle}, before its first
   * {@link onTerminator}); `depth` is the bracket depth, `cjkScript` whether the last letter was
   * CJK, `before` the code unit before it. The caller then fills in {@link wordBefore}.
   */
  startRun(i: number, depth: number, cjkScript: boolean, before: number): void {
    const { locale, run } = this;
    run.start = i;
    run.depthAtStart = depth;
    run.cjkContext = locale === 'auto' ? cjkScript : locale !== 'en';
    run.cjkNext = locale !== 'en';
    run.before = before;
    run.length = 0;
    run.periods = 0;
    run.fullStops = 0;
    run.ellipsis = false;
    run.strong = false;
    run.cjk = false;
    run.cancelled = false;
    run.wordClass = undefined;
    run.spacedDotsFrom = -1;
    run.endsWithFullStop = false;
    this.active = true;
  }

  /** One terminator of the run {@link startRun} started. */
  onTerminator(kind: Term, c: number): void {
    this.phase = Phase.Run;
    addTerminator(this.run, kind);
    this.run.endsWithFullStop = c === 0x3002 || c === 0xff61;
  }

  /**
   * The non-space `c` is next (after a blank line if `blank`): does a sentence end right before it?
   * `depth` is the bracket depth after the closers that followed the run.
   */
  settle(c: number, i: number, depth: number, blank: boolean): Settled {
    if (!this.active) return blank ? Settled.Ends : Settled.No;
    const candidate = this.run;
    const spaced = this.phase === Phase.Space;
    if (spaced && c === 0x2e && !blank && this.gap === 1 && candidate.length === candidate.periods) {
      // `. . .`: dots one space apart are one run (a spaced ellipsis), not a string of lone "." sentences.
      if (candidate.spacedDotsFrom < 0) candidate.spacedDotsFrom = i;
      return Settled.Waiting;
    }
    if (!spaced && termOf(this.flags, c) !== Term.None) return Settled.Waiting;
    if (!spaced && isTrailingCloser(c)) {
      this.phase = Phase.Close;
      this.closer = c;
      return Settled.Waiting;
    }
    this.clear();
    if (spaced && blank) return Settled.Ends;
    if (candidate.spacedDotsFrom >= 0) return this.settleSpacedDots(candidate, c, spaced, depth);
    // Text right after closers that closed a bracket (`「はい。」と`, `"Stop!"he`) continues the
    // sentence: the run ended a quotation. Brackets still open around the run only hold it back.
    // Chinese closes a quotation with ” after 。 and goes on with a new sentence (`他说：“好。”然后`);
    // Japanese 「…。」と stays one sentence.
    const chineseQuote = candidate.endsWithFullStop && (this.closer === 0x201d || this.closer === 0x2019) && isCjk(c);
    const endsQuotation = !spaced && candidate.depthAtStart > depth && !chineseQuote;
    const ends = !candidate.cancelled && !endsQuotation
      && (spaced ? endsBeforeSpaced(candidate, c, this.abbreviations) : endsBeforeDirect(candidate, c, this.abbreviations));
    if (ends) return depth > 0 ? Settled.Held : Settled.Ends;
    const single = candidate.periods === 1 && candidate.length === 1;
    return single && wordClassOf(candidate, this.abbreviations) === WordClass.ListMarker ? Settled.ListMarker : Settled.No;
  }

  /**
   * `. . .` is an ellipsis inside the sentence (`weakened . . . was`, `is . . . I didn't`). Four
   * dots end it before a word that is not lower case: all four after a space (`period . . . .`), or
   * the first one right after a word (`compounds. . . . The`: the ellipsis opens the next sentence).
   */
  private settleSpacedDots(candidate: Candidate, c: number, spaced: boolean, depth: number): Settled {
    if (candidate.cancelled || candidate.periods < 4 || !spaced || isLower(c) || depth > 0) return Settled.No;
    if (isSpace(candidate.before) || candidate.before === LF) return Settled.Ends;
    this.earlier = candidate.spacedDotsFrom;
    return Settled.EndedEarlier;
  }

  /** A forced cut (maxLength, maxWaitMs) at `at` fell after the run began: nothing is left to decide. */
  cancelBefore(at: number): void {
    if (this.active && this.run.start < at) this.run.cancelled = true;
  }

  clear(): void {
    this.active = false;
    this.phase = Phase.Text;
  }
}

/** A run of terminators waiting for its decision. */
interface Candidate {
  /** Absolute position of the first terminator of the run. */
  start: number;
  /** Bracket depth before the run: when its closers bring the depth below it, the run ends a quotation. */
  depthAtStart: number;
  /** The text around is CJK (or the locale says so): no space is needed after the terminator. */
  cjkContext: boolean;
  /** `!`/`?` right before a CJK character end a sentence (false for `locale: 'en'`). */
  cjkNext: boolean;
  /** The code unit right before the run. */
  before: number;
  readonly word: WordRecord;
  length: number;
  periods: number;
  fullStops: number;
  ellipsis: boolean;
  strong: boolean;
  cjk: boolean;
  /** A forced cut (maxLength, maxWaitMs) already fell after the run started: no boundary is left to decide. */
  cancelled: boolean;
  wordClass: WordClass | undefined;
  /** Position of the second dot of `. . .` (dots one space apart), or -1. */
  spacedDotsFrom: number;
  /** The run's last terminator is `。` (what a Chinese quotation closes after, before a new sentence). */
  endsWithFullStop: boolean;
}

function newCandidate(): Candidate {
  return {
    start: 0, depthAtStart: 0, cjkContext: false, cjkNext: false, before: 0,
    word: { text: '', length: 0, listContext: false, asciiLetters: true, afterLowerWord: false, marker: false },
    length: 0, periods: 0, fullStops: 0, ellipsis: false, strong: false, cjk: false, cancelled: false,
    wordClass: undefined, spacedDotsFrom: -1, endsWithFullStop: false,
  };
}

function addTerminator(candidate: Candidate, kind: Term): void {
  candidate.length++;
  if (kind === Term.Period) candidate.periods++;
  else if (kind === Term.FullStop) candidate.fullStops++;
  else if (kind === Term.Ellipsis) candidate.ellipsis = true;
  else if (kind === Term.Strong) candidate.strong = true;
  else if (kind === Term.Cjk) candidate.cjk = true;
}

/** What the run as a whole is. */
const Run = { Period: 0, Ellipsis: 1, Strong: 2, Cjk: 3 } as const;
type Run = (typeof Run)[keyof typeof Run];

function runKind(c: Candidate): Run {
  if (c.cjk || c.fullStops > 0) return Run.Cjk;
  if (c.strong) return Run.Strong;
  if (c.ellipsis || c.periods > 1) return Run.Ellipsis;
  return Run.Period;
}

function wordClassOf(candidate: Candidate, abbreviations: ReadonlySet<string>): WordClass {
  candidate.wordClass ??= classifyWord(candidate.word, abbreviations);
  return candidate.wordClass;
}

/**
 * A non-space, non-closing character `next` follows the run directly (`3.14`, `e.g`, `。次`), and
 * the run closed no bracket: would that end the sentence outside brackets?
 */
function endsBeforeDirect(c: Candidate, next: number, abbreviations: ReadonlySet<string>): boolean {
  const kind = runKind(c);
  if (kind === Run.Ellipsis && isOpener(c.before)) return false;
  if (kind === Run.Cjk) return !(c.length === 1 && c.fullStops === 1 && isDigit(c.before) && isDigit(next));
  if (isWordChar(next)) return false;
  if (kind === Run.Strong) return c.cjkContext || (c.cjkNext && isCjk(next));
  if (kind === Run.Ellipsis) return false;
  return c.cjkContext && wordClassOf(c, abbreviations) === WordClass.Plain;
}

/**
 * Whitespace followed the run (and its closers); `next` is the first non-space character after it:
 * would that end the sentence outside brackets?
 */
function endsBeforeSpaced(c: Candidate, next: number, abbreviations: ReadonlySet<string>): boolean {
  const kind = runKind(c);
  // `[...]`, `(…)`: an omission mark, not the end of a sentence.
  if (kind === Run.Ellipsis && isOpener(c.before)) return false;
  switch (kind) {
    case Run.Cjk:
      return true;
    case Run.Strong:
      return !isLower(next);
    case Run.Ellipsis:
      return !isLower(next) && !(c.cjkContext && isCjk(next));
    case Run.Period:
      switch (wordClassOf(c, abbreviations)) {
        case WordClass.Plain:
          return !isLower(next);
        case WordClass.Abbreviation:
          return isUpper(next);
        default:
          return false;
      }
  }
}
