/** How far back a continuation may restate the text shown, in characters. */
const LOOK_BACK = 200;

/**
 * Drops a continuation's restatement of the text already shown (see `resumeStream`'s overlap
 * rule). Text is held back while it could still be the start of such a restatement, so each
 * piece is examined against at most 200 characters, and only until the question is settled.
 */
export class OverlapTrimmer {
  private readonly tail: string;
  private held = '';
  private settled = false;

  constructor(shown: string, private readonly minOverlapChars: number) {
    this.tail = shown.slice(-LOOK_BACK);
  }

  /** The continuation's next text; returns what may be shown now ('' while held back). */
  push(text: string): string {
    if (this.settled) return text;
    this.held += text;
    return this.couldStillGrow() ? '' : this.settle();
  }

  /** The continuation ended or broke, or something other than text came: settle now. */
  end(): string {
    return this.settled ? '' : this.settle();
  }

  /** Whether `held` is still a proper prefix of some suffix of the tail at least minOverlapChars long. */
  private couldStillGrow(): boolean {
    const { tail, held } = this;
    for (let k = Math.max(this.minOverlapChars, held.length + 1); k <= tail.length; k++) {
      if (tail.startsWith(held, tail.length - k)) return true;
    }
    return false;
  }

  private settle(): string {
    const { tail, held } = this;
    this.settled = true;
    this.held = '';
    for (let k = Math.min(tail.length, held.length); k >= this.minOverlapChars; k--) {
      if (tail.endsWith(held.slice(0, k))) return held.slice(k);
    }
    return held;
  }
}
