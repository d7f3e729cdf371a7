/**
 * The bracket and quote depth, and the sentence ends an open bracket holds back.
 *
 * A terminator inside 「…」 or "…" does not end the outer sentence, but models write stray
 * openers and streams get cut: an opener that never closes would hold back every sentence after
 * it until a blank line. So while a bracket is open, the ends that would have been boundaries
 * outside it are remembered (positions only, at most {@link MAX_HELD_ENDS} + 1 of them); once
 * there are too many, or the bracket has been open too long, it is taken as unbalanced: the
 * depth drops to 0 and the remembered ends become boundaries. Everything here depends only on
 * the characters read, so every chunking of a text still yields the same sentences.
 */

/** A quotation may hold this many sentence ends (four sentences) and still close as one piece. */
export const MAX_HELD_ENDS = 3;

/** The ends released by {@link Brackets.unbalance}, and the word count at the last one. */
export interface ReleasedEnds {
  readonly ends: readonly number[];
  readonly words: number;
}

export class Brackets {
  private level = 0;
  /** Position of the outermost opener that is still open. */
  private openedAt = 0;
  private held: number[] = [];
  private wordsAtLastHeld = 0;

  /** @param maxQuoteLength Characters after the opener past which held ends are released. */
  constructor(private readonly maxQuoteLength: number) {}

  get depth(): number {
    return this.level;
  }

  open(i: number): void {
    if (this.level++ === 0) this.openedAt = i;
  }

  /** A closer: once the outermost bracket closes, what it held was one quotation after all. */
  close(): void {
    if (this.level > 0 && --this.level === 0) this.held = [];
  }

  /** A sentence would end right before `i`, were the open brackets unbalanced. */
  hold(i: number, words: number): void {
    this.held.push(i);
    this.wordsAtLastHeld = words;
  }

  /** At `i`: too many held ends, or a held end and more than maxQuoteLength characters inside. */
  overdue(i: number): boolean {
    const count = this.held.length;
    return count > MAX_HELD_ENDS || (count > 0 && i - this.openedAt - 1 > this.maxQuoteLength);
  }

  /** Takes the open brackets as unbalanced: depth 0; returns the held ends, in order. */
  unbalance(): ReleasedEnds {
    const released = { ends: this.held, words: this.wordsAtLastHeld };
    this.level = 0;
    this.held = [];
    return released;
  }

  /** Text up to `at` was emitted by a forced cut (maxLength, maxWaitMs): ends up to it are moot. */
  cut(at: number): void {
    if (this.held.length > 0 && (this.held[0] ?? at) <= at) this.held = this.held.filter((end) => end > at);
  }
}
