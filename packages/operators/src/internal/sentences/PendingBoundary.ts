/**
 * The one decision the scanner defers: does the run of terminators it just read (with any closing
 * quotes or brackets after it) end the sentence? It is taken at the first character after the run
 * that settles it, never later: either a non-space character right after the run ("direct"), or
 * the first non-space character after the whitespace that follows the run ("spaced").
 */
import { classifyWord, WordClass, type WordBeforePeriod } from './abbreviations.js';
import type { SentenceLocale } from './SentenceOptions.js';
import { isCjk, isDigit, isLower, isTrailingCloser, isUpper, isWordChar, Term, terminatorKind } from './chars.js';


/** Where the scanner is relative to the pending run: in it, in the closers after it, in the space after. */
const Phase = { Text: 0, Run: 1, Close: 2, Space: 3 } as const;
type Phase = (typeof Phase)[keyof typeof Phase];

/**
 * The outcome of {@link PendingBoundary.settle}. `Held`: the run would end the sentence, but a
 * bracket or quote opened before it is still open (it ends the sentence only if that bracket
 * turns out to be unbalanced).
 */
export const Settled = { No: 0, Ends: 1, Waiting: 2, ListMarker: 3, Held: 4 } as const;
export type Settled = (typeof Settled)[keyof typeof Settled];

/** What the scanner knows when a run of terminators starts. */
export interface RunContext {
  readonly depth: number;
  /** The last letter read was CJK. */
  readonly cjkScript: boolean;
  readonly before: number;
  readonly word: WordBeforePeriod;
}

/** Holds at most one run of terminators until the character that decides it arrives. */
export class PendingBoundary {
  private phase: Phase = Phase.Text;
  private candidate: Candidate | null = null;

  constructor(
    private readonly locale: SentenceLocale,
    private readonly abbreviations: ReadonlySet<string>,
  ) {}

  /** Right after a terminator or its closers (where a `"` closes a quotation). */
  get afterTerminator(): boolean {
    return this.phase === Phase.Run || this.phase === Phase.Close;
  }

  onSpace(): void {
    if (this.afterTerminator) this.phase = Phase.Space;
  }

  onTerminator(kind: Term, i: number, context: RunContext): void {
    const { locale } = this;
    this.candidate ??= {
      start: i,
      depthAtStart: context.depth,
      cjkContext: locale === 'auto' ? context.cjkScript : locale !== 'en',
      cjkNext: locale !== 'en',
      before: context.before,
      word: context.word,
      length: 0, periods: 0, fullStops: 0, ellipsis: false, strong: false, cjk: false, cancelled: false,
      wordClass: undefined,
    };
    this.phase = Phase.Run;
    addTerminator(this.candidate, kind);
  }

  /**
   * The non-space `c` is next (after a blank line if `blank`): does a sentence end right before it?
   * `depth` is the bracket depth after the closers that followed the run.
   */
  settle(c: number, depth: number, blank: boolean): Settled {
    const candidate = this.candidate;
    if (candidate === null) return blank ? Settled.Ends : Settled.No;
    const spaced = this.phase === Phase.Space;
    if (!spaced && terminatorKind(c) !== Term.None) return Settled.Waiting;
    if (!spaced && isTrailingCloser(c)) {
      this.phase = Phase.Close;
      return Settled.Waiting;
    }
    this.clear();
    if (spaced && blank) return Settled.Ends;
    // Text right after closers that closed a bracket (`「はい。」と`, `"Stop!"he`) continues the
    // sentence: the run ended a quotation. Brackets still open around the run only hold it back.
    const endsQuotation = !spaced && candidate.depthAtStart > depth;
    const ends = !candidate.cancelled && !endsQuotation
      && (spaced ? endsBeforeSpaced(candidate, c, this.abbreviations) : endsBeforeDirect(candidate, c, this.abbreviations));
    if (ends) return depth > 0 ? Settled.Held : Settled.Ends;
    const single = candidate.periods === 1 && candidate.length === 1;
    return single && wordClassOf(candidate, this.abbreviations) === WordClass.ListMarker ? Settled.ListMarker : Settled.No;
  }

  /** A forced cut (maxLength, maxWaitMs) at `at` fell after the run began: nothing is left to decide. */
  cancelBefore(at: number): void {
    if (this.candidate !== null && this.candidate.start < at) this.candidate.cancelled = true;
  }

  clear(): void {
    this.candidate = null;
    this.phase = Phase.Text;
  }
}

/** A run of terminators waiting for its decision. */
interface Candidate {
  /** Absolute position of the first terminator of the run. */
  readonly start: number;
  /** Bracket depth before the run: when its closers bring the depth below it, the run ends a quotation. */
  readonly depthAtStart: number;
  /** The text around is CJK (or the locale says so): no space is needed after the terminator. */
  readonly cjkContext: boolean;
  /** `!`/`?` right before a CJK character end a sentence (false for `locale: 'en'`). */
  readonly cjkNext: boolean;
  /** The code unit right before the run. */
  readonly before: number;
  readonly word: WordBeforePeriod;
  length: number;
  periods: number;
  fullStops: number;
  ellipsis: boolean;
  strong: boolean;
  cjk: boolean;
  /** A forced cut (maxLength, maxWaitMs) already fell after the run started: no boundary is left to decide. */
  cancelled: boolean;
  wordClass: WordClass | undefined;
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
  switch (runKind(c)) {
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
