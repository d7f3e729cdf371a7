import type { SentenceQualityResult } from './sentenceQuality.js';

/** The report's section on sentence quality (the pySBD golden rules). */
export function sentenceQualitySection(quality: SentenceQualityResult): string {
  const row = (name: string, scores: SentenceQualityResult['bufferSentences']): string =>
    `| ${name} | ${scores.en.passed}/${scores.en.total} | ${scores.ja.passed}/${scores.ja.total} | ${scores.en.failed.join(', ') || 'none'} |`;
  return `## Sentence quality: pySBD golden rules

The golden rules of pySBD's tests (48 English, 4 Japanese; MIT; fixtures in
packages/operators/test/fixtures/pysbd). bufferSentences is streamed in ten chunkings (whole, one
code point at a time, 2, 3 and 7 code units, five seeded random ones); a case passes only if every
chunking gives the wanted sentences. Intl.Segmenter gets each whole text. Chunking-dependent cases
for bufferSentences: ${quality.chunkingDependent}.

| splitter | English | Japanese | English cases failed |
|---|---|---|---|
${row('bufferSentences (streamed)', quality.bufferSentences)}
${row('Intl.Segmenter (whole text)', quality.intlSegmenter)}`;
}
