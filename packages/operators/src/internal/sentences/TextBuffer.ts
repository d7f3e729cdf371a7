/**
 * The text received but not yet emitted.
 *
 * Two strings: the latest chunk, and everything received before it, grown with `+=` (V8 keeps the
 * concatenation as a rope: no copy per token). A sentence nearly always ends inside the latest
 * chunk (the scanner decides at the first non-space character after it), so {@link take} returns
 * the rope plus the head of that chunk, and keeps the chunk's tail: nothing is copied or flattened
 * per sentence. A cut further back (a bracket found unbalanced, a forced flush) slices the rope,
 * which flattens it, each character copied once. The scanner reads the characters from the token
 * it is given, never from here, so nothing flattens the rope per token (which would be quadratic
 * for a long sentence fed one character at a time). An array of chunks, joined per sentence, cost
 * more per token: an `Array.prototype.push` V8 did not inline, and a cons string per chunk when
 * the sentence was taken.
 * Positions are absolute: counted in UTF-16 code units from the start of the stream.
 */
export class TextBuffer {
  /** The text from {@link start} to {@link latestStart}. */
  private before = '';
  /** The text from {@link latestStart} to {@link end}: the chunk appended last (or what a cut left of it). */
  private latest = '';
  private taken = 0;
  private latestStart = 0;

  /** Absolute position of the first character not yet taken. */
  get start(): number {
    return this.taken;
  }

  /** Absolute position just after the last character received. */
  get end(): number {
    return this.latestStart + this.latest.length;
  }

  append(chunk: string): void {
    if (this.latest !== '') this.before += this.latest;
    this.latestStart += this.latest.length;
    this.latest = chunk;
  }

  /** Removes and returns the text from {@link start} up to the absolute position `upTo`. */
  take(upTo: number): string {
    const at = Math.min(upTo, this.end);
    if (at <= this.taken) return '';
    let taken: string;
    if (at >= this.latestStart) {
      const inLatest = at - this.latestStart;
      taken = inLatest === 0 ? this.before : this.before + this.latest.slice(0, inLatest);
      this.before = '';
      this.latest = this.latest.slice(inLatest);
      this.latestStart = at;
    } else {
      const { before } = this;
      const count = at - this.taken;
      taken = before.slice(0, count);
      this.before = before.slice(count);
    }
    this.taken = at;
    return taken;
  }

  /** The code unit at an absolute position, or -1 outside the text not yet taken. */
  codeAt(position: number): number {
    if (position < this.taken || position >= this.end) return -1;
    return position >= this.latestStart ? this.latest.charCodeAt(position - this.latestStart) : this.before.charCodeAt(position - this.taken);
  }
}
