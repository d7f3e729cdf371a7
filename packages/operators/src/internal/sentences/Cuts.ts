/**
 * Where `maxLength` may cut a sentence, recorded while the scanner reads it, so that an overlong
 * sentence is split without scanning it again: after the last clause mark (with the whitespace
 * after it), and after the last whitespace.
 */
import { Clause, clauseKind } from './chars.js';

export class Cuts {
  private clause = -1;
  private space = -1;
  private lastClause: Clause = Clause.None;
  private clausePending = false;

  /** Whitespace was read: an ASCII clause mark right before it counts. */
  onSpace(): void {
    if (this.lastClause !== Clause.None) this.clausePending = true;
    this.lastClause = Clause.None;
  }

  /**
   * The non-space character `c` was read at `i`; `afterSpace` when whitespace came right before it.
   * Returns true when a clause ends right before `i` (clause mode cuts there).
   */
  onContent(c: number, i: number, afterSpace: boolean): boolean {
    const clauseEnds = afterSpace ? this.clausePending : this.lastClause === Clause.Cjk;
    if (afterSpace) this.space = i;
    if (clauseEnds) this.clause = i;
    this.clausePending = false;
    this.lastClause = clauseKind(c);
    return clauseEnds;
  }

  /** A piece ended: what was read before it cannot pair with what comes next. */
  reset(): void {
    this.lastClause = Clause.None;
    this.clausePending = false;
  }

  /**
   * The best cut for content that starts at `from` and may hold `max` characters: a clause mark in
   * the second half of the limit, else the later of the last whitespace and clause mark, else -1.
   */
  choose(from: number, max: number): number {
    const limit = from + max;
    const clause = this.clause > from && this.clause <= limit ? this.clause : -1;
    const space = this.space > from && this.space <= limit ? this.space : -1;
    return clause >= 0 && (clause - from) * 2 >= max ? clause : Math.max(clause, space);
  }
}
