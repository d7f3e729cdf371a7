/**
 * The telemetry target (issue 12): traceChat records one span per request, so tracing must not
 * change the cost per token. Judged on the operator table of the same run: recording spans
 * against tracing off, and tracing off against the retryStream it wraps, each difference within
 * 2% of the bare loop's CPU per token over HTTP.
 */
import type { BenchResults } from './BenchResults.js';
import type { TargetVerdict } from './evaluateTargets.js';

/** How far apart two per-token costs may be and still count as "no change": 2% of the bare loop's cost. */
const noChangeShare = 0.02;

const operatorNames = {
  recording: 'traceChat({ request, retry: 3, tracer }), recording one span per stream',
  off: 'traceChat({ request, retry: 3 }), tracing off (no SDK registered)',
  underneath: 'retryStream({ count: 3 })',
} as const;

/**
 * The verdict on "the per-token cost must not change" for traceChat, or none when the run lacks
 * one of the rows it compares.
 *
 * @example
 * telemetryVerdict(results)?.met; // true when both differences are within 2% of the bare loop
 */
export function telemetryVerdict(results: BenchResults): TargetVerdict | undefined {
  const added = (name: string): number | undefined => results.operators.costs.find((cost) => cost.operator === name)?.addedNsPerToken.median;
  const recording = added(operatorNames.recording);
  const off = added(operatorNames.off);
  const underneath = added(operatorNames.underneath);
  const bare = results.throughput.figures.find((f) => f.language === 'English' && f.contender.id === 'bare')?.cpuNsPerToken.median;
  if (recording === undefined || off === undefined || underneath === undefined || bare === undefined) return undefined;
  const limit = noChangeShare * bare;
  const spans = recording - off;
  const wrapper = off - underneath;
  return {
    target: `Telemetry: traceChat leaves the cost per token unchanged (recording vs off, and off vs the retryStream it wraps, each within ${noChangeShare * 100}% of the bare loop)`,
    measured: `recording spans ${signed(spans)} ns/token, the traceChat wrapper ${signed(wrapper)} ns/token; limit ±${limit.toFixed(0)} ns (bare loop ${bare.toFixed(0)} ns/token)`,
    met: Math.abs(spans) <= limit && Math.abs(wrapper) <= limit,
  };
}

const signed = (value: number): string => `${value >= 0 ? '+' : ''}${value.toFixed(0)}`;
