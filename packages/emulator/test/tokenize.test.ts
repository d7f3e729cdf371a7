import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { tokenize } from '../src/internal/answers/tokenize.js';

describe('tokenize', () => {
  it('cuts words with the space before them, punctuation alone, and kana or kanji two at a time', () => {
    expect(tokenize('Hi there, world.')).toEqual(['Hi', ' there', ',', ' world', '.']);
    expect(tokenize('日本には四季があります。')).toEqual(['日本', 'には', '四季', 'があ', 'りま', 'す', '。']);
  });

  test.prop([fc.string({ unit: 'grapheme' })])('joined, the tokens are exactly the text, and none is empty', (text) => {
    const tokens = tokenize(text);
    expect(tokens.join('')).toBe(text);
    expect(tokens.every((token) => token !== '')).toBe(true);
  });
});
