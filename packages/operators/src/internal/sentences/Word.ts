/**
 * The word being read, as far as `classifyWord` needs it, and how many words the current sentence
 * has so far. Constant work per character and no allocation: the first {@link MAX_WORD} code
 * units are kept as numbers, and a string is made only when a terminator asks for the word.
 */
import { MAX_WORD, type WordBeforePeriod } from './abbreviations.js';

export class Word {
  /** Words completed since the sentence started. */
  private completed = 0;
  private readonly codes = new Uint16Array(MAX_WORD);
  private length = 0;
  private listContext = false;

  get empty(): boolean {
    return this.length === 0;
  }

  /** No word has been completed in this sentence yet. */
  get first(): boolean {
    return this.completed === 0;
  }

  /** Words completed in this sentence so far (a mark for {@link sentenceEndedAt}). */
  get count(): number {
    return this.completed;
  }

  /** The first character of a word; `listContext` says whether a number here may be a list marker. */
  start(listContext: boolean): void {
    this.listContext = listContext;
  }

  add(c: number): void {
    if (this.length < MAX_WORD) this.codes[this.length] = c;
    this.length++;
  }

  end(): void {
    if (this.length === 0) return;
    this.completed++;
    this.length = 0;
  }

  /** A new sentence starts here: no words in it yet. */
  sentenceStarted(): void {
    this.completed = 0;
  }

  /** A sentence ended after `count` words (a mark taken earlier): the words since then stay. */
  sentenceEndedAt(count: number): void {
    this.completed -= count;
  }

  snapshot(): WordBeforePeriod {
    const kept = Math.min(this.length, MAX_WORD);
    return { text: String.fromCharCode(...this.codes.subarray(0, kept)), length: this.length, listContext: this.listContext };
  }
}
