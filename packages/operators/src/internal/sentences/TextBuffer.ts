/**
 * The text received but not yet emitted.
 *
 * Two strings, grown with `+=`: V8 keeps the concatenation as a rope (no copy per token). The
 * scanner reads the characters from the token it is given, never from here, so nothing flattens
 * the rope per token (which would be quadratic for a long sentence fed one character at a time).
 * An array of chunks, joined per sentence, cost more per token: an `Array.prototype.push` V8 did not
 * inline, and a cons string per chunk when the sentence was taken.
 *
 * The last chunk is kept apart from the rope before it, because a sentence nearly always ends in
 * the token that settles it (the `T` of `. The`): then {@link take} returns the rope plus a slice of
 * that chunk, still a rope, and nothing is flattened here. Flattening every sentence, as slicing
 * the one rope did, copied each character of the answer once more than the consumer's own
 * `+=` and hashing do (under callgrind, about 60 instructions per token of `WriteToFlat` and its
 * allocation).
 * Positions are absolute: counted in UTF-16 code units from the start of the stream.
 */
export class TextBuffer {
  /** The text from {@link start} up to the last chunk. */
  private head = '';
  /** The last chunk appended (or what is left of it). */
  private last = '';
  private taken = 0;

  /** Absolute position of the first character not yet taken. */
  get start(): number {
    return this.taken;
  }

  /** Absolute position just after the last character received. */
  get end(): number {
    return this.taken + this.head.length + this.last.length;
  }

  append(chunk: string): void {
    this.head += this.last;
    this.last = chunk;
  }

  /** Removes and returns the text from {@link start} up to the absolute position `upTo`. */
  take(upTo: number): string {
    const { head, last } = this;
    const count = Math.min(upTo - this.taken, head.length + last.length);
    if (count <= 0) return '';
    this.taken += count;
    const inLast = count - head.length;
    if (inLast >= 0) {
      // The cut falls in the last chunk: the rope before it is taken whole, unflattened.
      this.head = '';
      if (inLast === last.length) {
        this.last = '';
        return head + last;
      }
      this.last = last.slice(inLast);
      return inLast === 0 ? head : head + last.slice(0, inLast);
    }
    // The cut falls earlier (a held end, a forced cut): slicing flattens the rope once.
    const pending = head + last;
    this.head = pending.slice(count);
    this.last = '';
    return pending.slice(0, count);
  }

  /** The code unit at an absolute position, or -1 outside the text not yet taken. */
  codeAt(position: number): number {
    const index = position - this.taken;
    const { head, last } = this;
    if (index < 0) return -1;
    if (index < head.length) return head.charCodeAt(index);
    return index - head.length < last.length ? last.charCodeAt(index - head.length) : -1;
  }
}
