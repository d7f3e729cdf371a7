/**
 * The text received but not yet emitted, kept as the list of chunks it arrived in.
 *
 * Why not one string: `buffer += token` followed by `charCodeAt` makes V8 flatten the whole
 * concatenation on every token, which is quadratic for a long sentence fed one character at a
 * time. Here a sentence is taken out as a rope of its chunks, flattened (each character copied
 * once) only if the receiver reads it.
 * Positions are absolute: counted in UTF-16 code units from the start of the stream.
 */
export class TextBuffer {
  private chunks: string[] = [];
  /** Index in `chunks` of the first chunk that still holds untaken text. */
  private head = 0;
  /** Absolute position of the first character of `chunks[head]`. */
  private headStart = 0;
  private taken = 0;
  private total = 0;

  /** Absolute position of the first character not yet taken. */
  get start(): number {
    return this.taken;
  }

  /** Absolute position just after the last character received. */
  get end(): number {
    return this.total;
  }

  append(chunk: string): void {
    if (chunk.length === 0) return;
    this.chunks.push(chunk);
    this.total += chunk.length;
  }

  /** Removes and returns the text from {@link start} up to the absolute position `upTo`. */
  take(upTo: number): string {
    // `+` rather than an array and join(): no array per sentence, and V8 joins the pieces
    // without copying them (a rope, copied once if and when the receiver reads its characters).
    let text = '';
    let chunkStart = this.headStart;
    while (this.taken < upTo) {
      const chunk = this.chunks[this.head];
      if (chunk === undefined) break;
      const chunkEnd = chunkStart + chunk.length;
      const from = this.taken - chunkStart;
      const to = Math.min(upTo, chunkEnd) - chunkStart;
      text += from === 0 && to === chunk.length ? chunk : chunk.slice(from, to);
      this.taken += to - from;
      if (this.taken === chunkEnd) {
        this.head++;
        chunkStart = chunkEnd;
      }
    }
    this.headStart = chunkStart;
    this.compact();
    return text;
  }

  /** The code unit at an absolute position near the end (searched backwards), or -1. */
  codeAt(position: number): number {
    let chunkEnd = this.total;
    for (let i = this.chunks.length - 1; i >= this.head; i--) {
      const chunk = this.chunks[i] ?? '';
      const chunkStart = chunkEnd - chunk.length;
      if (position >= chunkStart) return position < chunkEnd ? chunk.charCodeAt(position - chunkStart) : -1;
      chunkEnd = chunkStart;
    }
    return -1;
  }

  /** Drops taken chunks in batches, so that the array does not grow with the stream. */
  private compact(): void {
    if (this.head > 64 && this.head * 2 > this.chunks.length) {
      this.chunks = this.chunks.slice(this.head);
      this.head = 0;
    }
  }
}
