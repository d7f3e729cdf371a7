import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { chunkBySizes, streamSentences } from './fixtures/sentencesStreaming.js';

const wordPieces = ['Hello', 'world', 'the', 'value', 'Smith', 'über', 'Étude', 'a', 'I', 'E', 'x'];
const abbreviationPieces = ['Mr.', 'Dr.', 'e.g.', 'i.e.', 'U.S.', 'etc.', 'p.', 'a.m.', 'No.', 'Inc.', 'vs.'];
const numberPieces = ['3.14', '$100.00', '1.', '2.', '20.19', 'v1.2.3', '42', '３．１４'];
const addressPieces = ['https://example.com/a.b?c=d', 'jane.doe@example.com', 'Node.js'];
const terminatorPieces = ['.', '!', '?', '?!', '...', '…', '。', '！', '？', '．', '｡'];
const cjkPieces = ['今日は', '晴れ', '你好', '我们', '𠮷', 'テスト'];
const bracketPieces = ['(', ')', '「', '」', '『', '』', '（', '）', '"', '“', '”', "'", '['];
const clausePieces = [',', ';', ':', '、', '，'];
const spacePieces = [' ', ' ', ' ', '  ', '\n', '\r\n', '\n\n', '\r\n\r\n', '\t', '\u3000'];
const otherPieces = ['😀', '-', '—', '\uD83D'];
const fencePieces = ['\n```\n', '\n```js\n', '```', '\n~~~\n', '\n````\n', '`'];

const realisticPiece = (withFences: boolean) =>
  fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...wordPieces) },
    { weight: 2, arbitrary: fc.constantFrom(...abbreviationPieces) },
    { weight: 2, arbitrary: fc.constantFrom(...numberPieces) },
    { weight: 1, arbitrary: fc.constantFrom(...addressPieces) },
    { weight: 4, arbitrary: fc.constantFrom(...terminatorPieces) },
    { weight: 3, arbitrary: fc.constantFrom(...cjkPieces) },
    { weight: 2, arbitrary: fc.constantFrom(...bracketPieces) },
    { weight: 1, arbitrary: fc.constantFrom(...clausePieces) },
    { weight: 7, arbitrary: fc.constantFrom(...spacePieces) },
    { weight: 1, arbitrary: fc.constantFrom(...otherPieces) },
    { weight: withFences ? 1 : 0, arbitrary: fc.constantFrom(...fencePieces) },
  );

/** Realistic text: words, abbreviations, numbers, terminators, CJK runs, brackets, spaces, fences. */
const text = (withFences = true) => fc.array(realisticPiece(withFences), { maxLength: 60 }).map((pieces) => pieces.join(''));
const chunkSizes = fc.array(fc.integer({ min: 1, max: 10 }), { minLength: 1, maxLength: 20 });
const lengthOptions = fc.record({ minLength: fc.integer({ min: 0, max: 20 }), maxLength: fc.integer({ min: 2, max: 30 }) });

describe('bufferSentences properties', () => {
  test.prop([text(), chunkSizes])('emits sentences whose concatenation is exactly the input', (input, sizes) => {
    expect(streamSentences(chunkBySizes(input, sizes)).join('')).toBe(input);
  });

  test.prop([text(), chunkSizes, chunkSizes])('emits the same sentences for every chunking of the same text', (input, sizesA, sizesB) => {
    const whole = streamSentences(input.length > 0 ? [input] : []);
    expect(streamSentences(chunkBySizes(input, sizesA))).toEqual(whole);
    expect(streamSentences(chunkBySizes(input, sizesB))).toEqual(whole);
    expect(streamSentences([...input])).toEqual(whole);
  });

  test.prop([text(), chunkSizes])('never emits an empty sentence', (input, sizes) => {
    expect(streamSentences(chunkBySizes(input, sizes)).filter((sentence) => sentence.length === 0)).toEqual([]);
  });

  test.prop([text(), chunkSizes, lengthOptions])(
    'keeps concatenation and chunking independence with minLength and maxLength',
    (input, sizes, options) => {
      const whole = streamSentences(input.length > 0 ? [input] : [], options);
      const chunked = streamSentences(chunkBySizes(input, sizes), options);
      expect(chunked).toEqual(whole);
      expect(chunked.join('')).toBe(input);
      expect(chunked.every((sentence) => sentence.length > 0)).toBe(true);
    },
  );

  test.prop([text(false), chunkSizes, fc.integer({ min: 2, max: 30 })])(
    'never emits more than maxLength characters between leading and trailing whitespace outside code fences',
    (input, sizes, maxLength) => {
      const tooLong = streamSentences(chunkBySizes(input, sizes), { maxLength }).filter((s) => s.trim().length > maxLength);
      expect(tooLong).toEqual([]);
    },
  );

  test.prop([text(false), fc.integer({ min: 1, max: 40 })])(
    'merges every sentence shorter than minLength except the last one',
    (input, minLength) => {
      const sentences = streamSentences(input.length > 0 ? [input] : [], { minLength });
      expect(sentences.slice(0, -1).filter((s) => s.length < minLength)).toEqual([]);
    },
  );
});
