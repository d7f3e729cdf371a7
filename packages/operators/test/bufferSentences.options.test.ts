import { describe, expect, it } from 'vitest';
import { bufferSentences } from '../src/bufferSentences.js';
import { streamSentences } from './fixtures/sentencesStreaming.js';

describe('bufferSentences options', () => {
  it('ends a sentence at an ASCII ? directly before Japanese unless the locale is en', () => {
    expect(streamSentences(['本当?うん。'])).toEqual(['本当?', 'うん。']);
    expect(streamSentences(['本当?うん。'], { locale: 'ja' })).toEqual(['本当?', 'うん。']);
    expect(streamSentences(['本当?うん。'], { locale: 'en' })).toEqual(['本当?うん。']);
  });

  it('ends a sentence at a period directly before Japanese when the locale is ja or zh', () => {
    expect(streamSentences(['OK.次へ。'])).toEqual(['OK.次へ。']);
    expect(streamSentences(['OK.次へ。'], { locale: 'ja' })).toEqual(['OK.', '次へ。']);
    expect(streamSentences(['OK.次へ。'], { locale: 'zh' })).toEqual(['OK.', '次へ。']);
  });

  it('keeps decimals and file names whole whatever the locale', () => {
    for (const locale of ['auto', 'en', 'ja', 'zh'] as const) {
      expect(streamSentences(['值是3.14，用Node.js。'], { locale })).toEqual(['值是3.14，用Node.js。']);
    }
  });

  it('treats extra abbreviations like etc., whatever their case and final dot', () => {
    expect(streamSentences(['Go to Rm. 5 now. Then rest.'])).toEqual(['Go to Rm. ', '5 now. ', 'Then rest.']);
    expect(streamSentences(['Go to Rm. 5 now. Then rest.'], { abbreviations: ['rm.'] })).toEqual(['Go to Rm. 5 now. ', 'Then rest.']);
    expect(streamSentences(['Ask the Rm. Then go.'], { abbreviations: ['RM'] })).toEqual(['Ask the Rm. ', 'Then go.']);
  });

  it('emits sentences of at least minLength characters except the last one', () => {
    expect(streamSentences(['Go. Up. Run. Sit. End.'], { minLength: 7 })).toEqual(['Go. Up. ', 'Run. Sit. ', 'End.']);
  });

  it('emits a short sentence alone when merging it would exceed maxLength', () => {
    expect(streamSentences(['Hi. This sentence is long.'], { minLength: 8, maxLength: 24 })).toEqual(['Hi. ', 'This sentence is long.']);
  });

  it('prefers whitespace over a clause mark in the first half of maxLength', () => {
    expect(streamSentences(['alpha, beta gamma delta epsilon'], { maxLength: 20 })).toEqual(['alpha, beta gamma ', 'delta epsilon']);
  });

  it('splits at 、 and ， when CJK text is longer than maxLength', () => {
    expect(streamSentences(['今日は、とても良い天気で、散歩に行きました。'], { maxLength: 10 })).toEqual([
      '今日は、',
      'とても良い天気で、',
      '散歩に行きました。',
    ]);
  });

  it('splits text without whitespace or clause marks hard at maxLength', () => {
    expect(streamSentences(['abcdefghijklmnopqrstuvwxyz'], { maxLength: 10 })).toEqual(['abcdefghij', 'klmnopqrst', 'uvwxyz']);
  });

  it('never splits a surrogate pair at maxLength', () => {
    expect(streamSentences(['ab😀cd'], { maxLength: 3 })).toEqual(['ab', '😀c', 'd']);
  });

  it('never splits a code fence at maxLength', () => {
    const fence = '```\na very long line of code that is long\n```\n';
    expect(streamSentences([`Intro.\n${fence}Short.`], { maxLength: 10 })).toEqual(['Intro.\n', fence, 'Short.']);
  });

  it('releases a sentence end inside a quote once its content is longer than maxQuoteLength (default 200) characters', () => {
    /** A quotation whose content (between 「 and 」) is `length` characters, with a sentence end inside. */
    const quote = (length: number) => `「${'あ'.repeat(length - 2)}。次」と言った。`;
    expect(streamSentences([quote(200)])).toEqual([quote(200)]);
    expect(streamSentences([quote(201)])).toEqual([`「${'あ'.repeat(199)}。`, '次」と言った。']);
    const speech = 'He said "Please stop now. Then go." and left.';
    expect(streamSentences([speech])).toEqual([speech]);
    expect(streamSentences([speech], { maxQuoteLength: 10 })).toEqual(['He said "Please stop now. ', 'Then go." and left.']);
  });

  it('still releases an open quote at its fourth sentence end when maxQuoteLength is Infinity', () => {
    expect(streamSentences([`「${'あ'.repeat(300)}。次」と言った。`], { maxQuoteLength: Infinity })).toHaveLength(1);
    expect(streamSentences(['「一。二。三。四。五。六。'], { maxQuoteLength: Infinity })).toEqual(['「一。', '二。', '三。', '四。', '五。', '六。']);
  });

  it('rejects invalid options at once with a message that says what is allowed', () => {
    expect(() => bufferSentences({ minLength: -1 })).toThrow(/minLength must be a number of characters >= 0/);
    expect(() => bufferSentences({ maxLength: 0 })).toThrow(/maxLength must be a number of characters >= 1/);
    expect(() => bufferSentences({ maxQuoteLength: -1 })).toThrow(/maxQuoteLength must be a number of characters >= 0/);
    expect(() => bufferSentences({ maxWaitMs: Number.NaN })).toThrow(/maxWaitMs must be a finite number of at least 0 and at most 2147483647, got NaN/);
    expect(() => bufferSentences({ locale: 'fr' as 'en' })).toThrow(/locale must be one of auto, en, ja, zh/);
    expect(() => bufferSentences({ abbreviations: ['.'] })).toThrow(/abbreviations must be non-empty strings/);
  });
});
