/**
 * The targets of "the pipeline at the floor" (issue 13): core's events within 1.05x of the bare
 * loop, the usual pipeline within 1.2x, bufferSentences alone at most 0.15x of the bare loop's
 * cost per token, and the pySBD golden rules streamed (at least 44/48 English, 4/4 Japanese,
 * chunking never changing the output), next to ICU's score; and clause mode's time to first piece
 * against sentence mode's.
 */
import type { BenchResults } from './BenchResults.js';
import { burstVerdicts } from './burstReport.js';
import type { TargetVerdict } from './evaluateTargets.js';
import type { ClauseLatencyResult } from './clauseLatency.js';
import type { SentenceQualityResult } from './sentenceQuality.js';

const times = (value: number): string => `${value.toFixed(2)}x`;

/** Verdicts on the floor targets, from the same run's results. */
export function evaluateFloorTargets(results: BenchResults, quality: SentenceQualityResult, clauseLatency?: ClauseLatencyResult): TargetVerdict[] {
  const verdicts: TargetVerdict[] = [];
  const { throughput, operators, instructions } = results;
  for (const language of [...new Set(throughput.figures.map((f) => f.language))]) {
    for (const [id, limit] of [['core-events', 1.05], ['core-operators', 1.2]] as const) {
      const figure = throughput.figures.find((f) => f.language === language && f.contender.id === id);
      if (figure === undefined) continue;
      const counted = instructions.figures.find((f) => f.language === language && f.contender === id);
      // Both decide (issue 13: "in CPU per token and in steady-state instructions per token"); the
      // instruction ratio is the one a loaded shared machine cannot move.
      verdicts.push({
        target: `Floor: ${id} at most ${limit}x the bare loop in CPU per token and in steady-state instructions per token (${language})`,
        measured: `CPU ${times(figure.ratio.median)} (${times(figure.ratio.min)}–${times(figure.ratio.max)}), instructions ${counted === undefined ? 'not counted' : `${times(counted.ratio)} (medians of ${counted.perToken.count} steady-state streams, background compiles apart)`}`,
        met: figure.ratio.median <= limit && counted !== undefined && counted.ratio <= limit,
      });
    }
  }
  const bare = throughput.figures.find((f) => f.language === 'English' && f.contender.id === 'bare');
  const sentences = operators.costs.find((cost) => cost.operator === 'bufferSentences()');
  if (bare !== undefined && sentences !== undefined) {
    const share = sentences.addedNsPerToken.median / bare.cpuNsPerToken.median;
    verdicts.push({
      target: 'Floor: bufferSentences alone at most 0.15x the bare loop\'s CPU per token (English)',
      measured: `${times(share)} (${sentences.addedNsPerToken.median.toFixed(0)} ns added over ${bare.cpuNsPerToken.median.toFixed(0)} ns)`,
      met: share <= 0.15,
    });
  }
  const { bufferSentences: ours, intlSegmenter: icu, chunkingDependent } = quality;
  verdicts.push({
    target: 'pySBD golden rules, streamed in every chunking: English at least 44/48, Japanese 4/4, chunking never changes the output',
    measured: `English ${ours.en.passed}/${ours.en.total}, Japanese ${ours.ja.passed}/${ours.ja.total}, ${chunkingDependent} chunking-dependent; Intl.Segmenter (whole text): English ${icu.en.passed}/${icu.en.total}, Japanese ${icu.ja.passed}/${icu.ja.total}`,
    met: ours.en.passed >= 44 && ours.ja.passed === ours.ja.total && chunkingDependent === 0,
  });
  // Clause mode must earn its place: at most 0.8x sentence mode's wait for the first piece.
  for (const figure of clauseLatency?.figures ?? []) {
    verdicts.push({
      target: `Clause mode: time to first piece at most 0.8x that of sentence mode, paced stream (${figure.language}, ttft ${clauseLatency?.ttftMs} ms, a token every ${clauseLatency?.tokenIntervalMs} ms)`,
      measured: `${times(figure.ratio.median)} (${figure.clauseMs.median.toFixed(0)} ms vs ${figure.sentenceMs.median.toFixed(0)} ms)`,
      met: figure.ratio.median <= 0.8,
    });
  }
  verdicts.push(...burstVerdicts(results.manyStreams, results.burstInstructions));
  return verdicts;
}
