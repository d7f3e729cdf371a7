/**
 * Sentence quality: the pySBD golden rules (packages/operators/test/fixtures/pysbd), scored for
 * bufferSentences streamed in every chunking the operator tests use (a case passes only if every
 * chunking gives the wanted sentences), and for ICU's `Intl.Segmenter` on whole texts.
 */
import { bufferSentences } from '@oci-genai-rx/operators';
import { from } from 'rxjs';
import { passes, scoredCases, type GoldenLanguage } from '../../packages/operators/test/fixtures/pysbd/goldenRules.js';
import { chunkings } from '../../packages/operators/test/fixtures/sentencesStreaming.js';

/** One splitter's score on one language. */
export interface GoldenRulesScore {
  readonly passed: number;
  readonly total: number;
  readonly failed: readonly number[];
}

export interface SentenceQualityResult {
  readonly bufferSentences: Readonly<Record<GoldenLanguage, GoldenRulesScore>>;
  readonly intlSegmenter: Readonly<Record<GoldenLanguage, GoldenRulesScore>>;
  /** Cases where two chunkings gave different sentences (must be 0). */
  readonly chunkingDependent: number;
}

function streamed(chunks: readonly string[]): string[] {
  const sentences: string[] = [];
  from(chunks).pipe(bufferSentences()).subscribe((sentence) => sentences.push(sentence));
  return sentences;
}

function score(language: GoldenLanguage, passed: (text: string, want: (got: readonly string[]) => boolean) => boolean): GoldenRulesScore {
  const cases = scoredCases(language);
  const failed = cases.filter((golden) => !passed(golden.text, (got) => passes(golden, got))).map((golden) => golden.number);
  return { passed: cases.length - failed.length, total: cases.length, failed };
}

/** Scores both splitters on English and Japanese. */
export function measureSentenceQuality(): SentenceQualityResult {
  let chunkingDependent = 0;
  const languages = ['en', 'ja'] as const;
  const ours = Object.fromEntries(languages.map((language) => [language, score(language, (text, ok) => {
    const outputs = chunkings(text).map(([, chunks]) => streamed(chunks));
    if (outputs.some((output) => JSON.stringify(output) !== JSON.stringify(outputs[0]))) chunkingDependent += 1;
    return outputs.every(ok);
  })])) as Record<GoldenLanguage, GoldenRulesScore>;
  const icu = Object.fromEntries(languages.map((language) => {
    const segmenter = new Intl.Segmenter(language, { granularity: 'sentence' });
    return [language, score(language, (text, ok) => ok([...segmenter.segment(text)].map((s) => s.segment)))];
  })) as Record<GoldenLanguage, GoldenRulesScore>;
  return { bufferSentences: ours, intlSegmenter: icu, chunkingDependent };
}
