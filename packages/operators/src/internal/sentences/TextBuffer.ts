/**
 * The text received but not yet emitted.
 *
 * One string, grown with `+=`: V8 keeps the concatenation as a rope (no copy per token) and
 * flattens it, each character copied once, when {@link take} slices a sentence off. The scanner
 * reads the characters from the token it is given, never from here, so nothing flattens the rope
 * per token (which would be quadratic for a long sentence fed one character at a time). An array of
 * chunks, joined per sentence, cost more per token: an `Array.prototype.push` V8 did not inline, and a
 * cons string per chunk when the sentence was taken.
 * Positions are absolute: counted in UTF-16 code units from the start of the stream.
 */
export class TextBuffer {
  /** The text from {@link start} to {@link end}. */
  private pending = '';
  private taken = 0;

  /** Absolute position of the first character not yet taken. */
  get start(): number {
    return this.taken;
  }

  /** Absolute position just after the last character received. */
  get end(): number {
    return this.taken + this.pending.length;
  }

  append(chunk: string): void {
    this.pending += chunk;
  }

  /** Removes and returns the text from {@link start} up to the absolute position `upTo`. */
  take(upTo: number): string {
    const { pending } = this;
    const count = Math.min(upTo - this.taken, pending.length);
    if (count <= 0) return '';
    this.taken += count;
    if (count === pending.length) {
      this.pending = '';
      return pending;
    }
    this.pending = pending.slice(count);
    return pending.slice(0, count);
  }

  /** The code unit at an absolute position, or -1 outside the text not yet taken. */
  codeAt(position: number): number {
    const index = position - this.taken;
    return index >= 0 && index < this.pending.length ? this.pending.charCodeAt(index) : -1;
  }
}
