/**
 * Property tests of bufferSentences: whatever the text and however it is cut into tokens, no
 * character is lost or added, no sentence is empty, and the sentences do not depend on the cuts.
 */
import { bufferSentences } from '@oci-genai-rx/operators';
import { fc, test } from '@fast-check/vitest';
import { from, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';


/** The sentences bufferSentences emits for these tokens (synchronous: `from` is). */
function sentences(tokens: readonly string[]): string[] {
  let result: string[] = [];
  from(tokens)
    .pipe(bufferSentences(), toArray())
    .subscribe((all) => (result = all));
  return result;
}

/** Cuts `text` at the given code-unit positions. */
function cut(text: string, positions: readonly number[]): string[] {
  const points = [...new Set(positions.map((p) => p % (text.length + 1)))].sort((a, b) => a - b);
  const pieces: string[] = [];
  let start = 0;
  for (const point of [...points, text.length]) {
    pieces.push(text.slice(start, point));
    start = point;
  }
  return pieces.filter((piece) => piece !== '');
}

/** Text made of what sentence rules care about: words, terminators, titles, numbers, quotes, CJK, fences, blank lines. */
const prose = fc
  .array(
    fc.oneof(
      fc.constantFrom('Hello', 'world', 'the', 'river', 'Dr.', 'Mr.', 'e.g.', 'etc.', 'U.S.', 'J.', 'R.', '3.14', 'v2.1', 'a@b.com', 'https://x.org/a.b', '1.', '2)'),
      fc.constantFrom('.', '!', '?', '?!', '...', '…', '。', '！', '？', '、', ',', ';', ':'),
      fc.constantFrom('"', '”', '“', "'", '(', ')', '「', '」', '『', '』', '[', ']'),
      fc.constantFrom(' ', ' ', ' ', '\n', '\n\n', '\t', '  '),
      fc.constantFrom('今日は', '晴れ', 'です', '東京', 'データを', '作ります', '雨'),
      fc.constantFrom('```\ncode. more. \n```\n', '```js\nx = 1. y = 2.\n', '~~~\n'),
      fc.constantFrom('😀', '👍🏽', 'é', 'ß'),
    ),
    { maxLength: 80 },
  )
  .map((parts) => parts.join(''));

describe('bufferSentences', () => {
  it('splits a plain example (the helper itself works)', () => {
    expect(sentences(['Hello Dr. Sm', 'ith. How', ' are you? ', '今日は晴れ。明日', 'は雨？'])).toEqual(['Hello Dr. Smith. ', 'How are you? ', '今日は晴れ。', '明日は雨？']);
  });

  it('an opening quote that never closes does not hold back every sentence after it', () => {
    // The emulator's Japanese answers contain such quotes (a sentence cut after 「速さ); models' answers do too.
    const tail = Array.from({ length: 20 }, (_, i) => `そして、答え${i}を届けます。`);
    const tokens = ['私たちは「速さを作ります。', ...tail];
    const result = sentences(tokens);
    expect(result.join('')).toBe(tokens.join(''));
    expect(result.length).toBeGreaterThanOrEqual(10);
  });

  test.prop([prose, fc.array(fc.nat(), { maxLength: 40 })], { numRuns: 1000 })('any chunking of prose gives back the text exactly, in the same sentences', (text, positions) => {
    const whole = sentences(text === '' ? [] : [text]);
    const chunked = sentences(cut(text, positions));
    expect(chunked.join('')).toBe(text);
    expect(chunked.every((sentence) => sentence !== '')).toBe(true);
    expect(chunked).toEqual(whole);
  });

  test.prop([prose], { numRuns: 300 })('one character per token gives the same sentences as one token', (text) => {
    expect(sentences([...text])).toEqual(sentences(text === '' ? [] : [text]));
  });

  test.prop([fc.array(fc.string({ unit: 'binary', maxLength: 20 }), { maxLength: 30 })], { numRuns: 500 })('arbitrary strings (lone surrogates too) are never lost, added or thrown on', (tokens) => {
    const result = sentences(tokens);
    expect(result.join('')).toBe(tokens.join(''));
    expect(result.every((sentence) => sentence !== '')).toBe(true);
  });
});
