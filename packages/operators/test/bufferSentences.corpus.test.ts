import { describe, expect, it } from 'vitest';
import { sentenceCases } from './fixtures/sentences.js';
import { chunkBySizes, chunkings, streamSentences } from './fixtures/sentencesStreaming.js';

describe('bufferSentences on the sentence corpus', () => {
  it('has at least 70 cases, each with a distinct name', () => {
    expect(sentenceCases.length).toBeGreaterThanOrEqual(70);
    expect(new Set(sentenceCases.map((c) => c.name)).size).toBe(sentenceCases.length);
  });

  describe.each(sentenceCases)('$name', ({ text, sentences }) => {
    it.each(chunkings(text))('splits the text into the expected sentences when streamed as %s', (_, chunks) => {
      expect(streamSentences(chunks)).toEqual(sentences);
    });
  });

  it('splits surrogate pairs across chunks without emitting a broken character', () => {
    const text = 'Great job. 😀 Thanks! 𠮷野家。';
    const chunks = chunkBySizes(text, [12, 3]);
    expect(chunks.some((chunk) => /[\uD800-\uDBFF]$/.test(chunk))).toBe(true);
    expect(streamSentences(chunks)).toEqual(['Great job. ', '😀 Thanks! ', '𠮷野家。']);
  });
});
