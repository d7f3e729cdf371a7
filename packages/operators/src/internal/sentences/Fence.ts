/**
 * Recognises Markdown code fences line by line, one character at a time: an opening line is up to
 * three spaces, then three or more backticks or tildes; the closing line is up to three spaces, at
 * least as many of the same character, then only whitespace. Nothing inside a fence is a sentence
 * boundary, so the scanner hands every character to {@link Fence.feedInside} until it closes.
 */
import { BACKTICK, LF, TILDE } from './chars.js';

const Close = { Indent: 0, Run: 1, Trailing: 2, Failed: 3 } as const;
type Close = (typeof Close)[keyof typeof Close];

export class Fence {
  private within = false;
  /** Outside: the line so far is only indentation and fence characters, so it may still open a fence. */
  private lineMayOpen = true;
  private indent = 0;
  private run = 0;
  private char = 0;
  private length = 0;
  private onOpeningLine = false;
  private openingRun = false;
  private close: Close = Close.Indent;

  /** True between the opening fence and the end of the closing fence line. */
  get inside(): boolean {
    return this.within;
  }

  /** A letter or digit was read outside a fence: this line can no longer open one. */
  onWordChar(): void {
    this.lineMayOpen = false;
  }

  /** Would `c`, read next on this line, still be part of a possible opening fence? */
  mayOpenWith(c: number): boolean {
    return this.lineMayOpen && (c === BACKTICK || c === TILDE) && (this.run === 0 || c === this.char);
  }

  /** The current line so far could still become an opening fence (hold it back from a forced flush). */
  get pendingLine(): boolean {
    return this.lineMayOpen && this.indent + this.run > 0;
  }

  /** Outside a fence. Returns true when `c` is the third fence character of an opening line. */
  feedOutside(c: number, space: boolean): boolean {
    if (c === LF) {
      this.resetLine();
      return false;
    }
    if (!this.lineMayOpen) return false;
    if (space) {
      if (this.run > 0 || c !== 0x20 || ++this.indent > 3) this.lineMayOpen = false;
      return false;
    }
    if (!this.mayOpenWith(c)) {
      this.lineMayOpen = false;
      return false;
    }
    this.char = c;
    if (++this.run < 3) return false;
    this.within = true;
    this.length = 3;
    this.onOpeningLine = true;
    this.openingRun = true;
    return true;
  }

  /** Inside a fence. Returns true when `c` is the line break that completes the closing line. */
  feedInside(c: number): boolean {
    if (this.onOpeningLine) {
      if (c === LF) this.onOpeningLine = false;
      else if (this.openingRun && c === this.char) this.length++;
      else this.openingRun = false;
      this.startInsideLine();
      return false;
    }
    if (c === LF) {
      const closes = (this.close === Close.Run && this.run >= this.length) || this.close === Close.Trailing;
      if (closes) {
        this.within = false;
        this.resetLine();
      } else {
        this.startInsideLine();
      }
      return closes;
    }
    this.close = this.nextCloseState(c);
    return false;
  }

  private nextCloseState(c: number): Close {
    const long = this.run >= this.length;
    switch (this.close) {
      case Close.Indent:
        if (c === 0x20 && ++this.indent <= 3) return Close.Indent;
        if (c !== this.char) return Close.Failed;
        this.run = 1;
        return Close.Run;
      case Close.Run:
        if (c === this.char) {
          this.run++;
          return Close.Run;
        }
        return long && (c === 0x20 || c === 0x09 || c === 0x0d) ? Close.Trailing : Close.Failed;
      case Close.Trailing:
        return c === 0x20 || c === 0x09 || c === 0x0d ? Close.Trailing : Close.Failed;
      case Close.Failed:
        return Close.Failed;
    }
  }

  private startInsideLine(): void {
    if (this.onOpeningLine) return;
    this.close = Close.Indent;
    this.indent = 0;
    this.run = 0;
  }

  private resetLine(): void {
    this.lineMayOpen = true;
    this.indent = 0;
    this.run = 0;
  }
}
