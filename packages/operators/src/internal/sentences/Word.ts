/**
 * The word being read, as far as `classifyWord` needs it, and how many words the current sentence
 * has so far. Constant work per character and no allocation: the first {@link MAX_WORD} code
 * units are kept as numbers, and a string is made only when a terminator asks for the word.
 */
import { MAX_WORD, type WordRecord } from './abbreviations.js';

export class Word {
  /** Words completed since the sentence started. */
  private completed = 0;
  private readonly codes = new Uint16Array(MAX_WORD);
  private length = 0;
  private listContext = false;
  /** The list context is only a colon before the word: only `1` opens a list there (`Total: 5. Then.`). */
  private afterColonOnly = false;
  private asciiLetters = true;
  private startedAt = 0;
  /** The word completed last in this sentence began with a lower-case ASCII letter. */
  private afterLowerWord = false;

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
  start(listContext: boolean, at: number, afterColonOnly = false): void {
    this.listContext = listContext;
    this.afterColonOnly = afterColonOnly;
    this.startedAt = at;
  }

  /** A number here may be a list marker (see `WordBeforePeriod.listContext`). */
  get inListContext(): boolean {
    return this.listContext && !(this.afterColonOnly && !this.isOne());
  }

  private isOne(): boolean {
    return this.length === 1 && this.codes[0] === 0x31;
  }

  /** Absolute position of the word's first character. */
  get startsAt(): number {
    return this.startedAt;
  }

  /** The word so far, if it is a list marker's number or letter (`12`, `b`), else ''. */
  get markerText(): string {
    if (this.length === 0 || this.length > 3) return '';
    const first = this.codes[0] ?? 0;
    if (this.length === 1 && first >= 0x61 && first <= 0x7a) return String.fromCharCode(first);
    for (let k = 0; k < this.length; k++) {
      const c = this.codes[k] ?? 0;
      if (c < 0x30 || c > 0x39) return '';
    }
    return this.text();
  }

  add(c: number): void {
    if (this.length < MAX_WORD) this.codes[this.length] = c;
    this.length++;
    const lower = c | 0x20;
    if (lower < 0x61 || lower > 0x7a) this.asciiLetters = false;
  }

  end(): void {
    if (this.length === 0) return;
    this.completed++;
    const first = this.codes[0] ?? 0;
    this.afterLowerWord = first >= 0x61 && first <= 0x7a;
    this.length = 0;
    this.asciiLetters = true;
  }

  /** A new sentence starts here: no words in it yet. */
  sentenceStarted(): void {
    this.completed = 0;
    this.afterLowerWord = false;
  }

  /** A sentence ended after `count` words (a mark taken earlier): the words since then stay. */
  sentenceEndedAt(count: number): void {
    this.completed -= count;
  }

  /**
   * Writes the word for `classifyWord` into `into` (the pending run's one record); `marker` when
   * the scanner knows it is a list marker. The text of a word of ASCII letters longer than
   * `textUpTo` is left out ('', see `WordBeforePeriod.text`).
   */
  describe(into: WordRecord, marker: boolean, textUpTo: number): void {
    const plain = this.asciiLetters && this.length > textUpTo;
    into.text = plain ? '' : this.text();
    into.length = this.length;
    into.listContext = this.inListContext;
    into.asciiLetters = this.asciiLetters;
    into.afterLowerWord = this.afterLowerWord;
    into.marker = marker;
  }

  private text(): string {
    const kept = Math.min(this.length, MAX_WORD);
    let text = '';
    for (let k = 0; k < kept; k++) text += String.fromCharCode(this.codes[k] ?? 0);
    return text;
  }
}
