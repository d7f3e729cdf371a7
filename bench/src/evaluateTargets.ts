import type { BenchResults } from './BenchResults.js';
import { hedgeAndResumeVerdicts } from './hedgeAndResumeReport.js';
import { telemetryVerdict } from './telemetryTarget.js';
import type { ContenderFigures, Language } from './throughput.js';

/** One target of product.md and what this run measured for it. */
export interface TargetVerdict {
  readonly target: string;
  readonly measured: string;
  readonly met: boolean;
}

/** The signing budget read from "at most a few milliseconds". */
export const signingBudgetMs = 5;

const times = (value: number): string => `${value.toFixed(2)}x`;

/** Checks every target of product.md against the results; medians decide. */
export function evaluateTargets(results: BenchResults): TargetVerdict[] {
  const { throughput, operators, firstToken, manyStreams } = results;
  const verdicts: TargetVerdict[] = [];
  const figure = (language: Language, id: string): ContenderFigures | undefined =>
    throughput.figures.find((f) => f.language === language && f.contender.id === id);
  const languages = [...new Set(throughput.figures.map((f) => f.language))];

  for (const language of languages) {
    for (const id of ['core-events', 'core-text']) {
      const core = figure(language, id);
      if (core === undefined) continue;
      verdicts.push({
        target: `CPU per token through core within 1.1x of the bare loop (${language}, ${id})`,
        measured: `${times(core.ratio.median)} (${times(core.ratio.min)}–${times(core.ratio.max)})`,
        met: core.ratio.median <= 1.1,
      });
    }
    const core = figure(language, 'core-events');
    const sdks = ['oci-sdk', 'openai', 'ai-sdk'].map((id) => figure(language, id)).filter((f) => f !== undefined);
    if (core !== undefined && sdks.length > 0) {
      const behind = sdks.filter((sdk) => sdk.ratio.median <= core.ratio.median);
      verdicts.push({
        target: `core (events) ahead of every SDK on CPU per token (${language})`,
        measured: `core ${times(core.ratio.median)}; ${sdks.map((sdk) => `${sdk.contender.id} ${times(sdk.ratio.median)}`).join(', ')}`,
        met: behind.length === 0,
      });
    }
    const withOperators = figure(language, 'core-operators');
    if (withOperators !== undefined) {
      verdicts.push({
        target: `With the usual operators on top: within 1.3x of the bare loop (${language})`,
        measured: `${times(withOperators.ratio.median)} (${times(withOperators.ratio.min)}–${times(withOperators.ratio.max)})`,
        met: withOperators.ratio.median <= 1.3,
      });
    }
  }
  for (const scaling of operators.scaling) {
    verdicts.push({
      target: `${scaling.operator} linear: 4x the input in at most 4.5x the time (${scaling.text})`,
      measured: `${times(scaling.ratio.median)} (${times(scaling.ratio.min)}–${times(scaling.ratio.max)})`,
      met: scaling.ratio.median <= 4.5,
    });
  }
  verdicts.push({
    target: `${manyStreams.streams} concurrent streams in one process complete`,
    measured: `${manyStreams.whole}/${manyStreams.streams} whole, ${manyStreams.peakConcurrent} at once; peak RSS ${manyStreams.peakRssMb.toFixed(0)} MB, ${manyStreams.rssPerStreamKb.toFixed(0)} KiB RSS and ${manyStreams.heapPerStreamKb.toFixed(0)} KiB heap per stream`,
    met: manyStreams.whole === manyStreams.streams,
  });
  for (const reuse of firstToken.reuse.filter((r) => r.client.startsWith('core'))) {
    verdicts.push({
      target: `New connections for ${reuse.prompts} prompts: 1 per concurrency slot (concurrency ${reuse.concurrency})`,
      measured: `${reuse.newConnections} (${(reuse.newConnections / reuse.concurrency).toFixed(1)} per slot)`,
      met: reuse.newConnections <= reuse.concurrency,
    });
  }
  verdicts.push({
    target: `Signing adds at most a few milliseconds to the first token (median ≤ ${signingBudgetMs} ms)`,
    measured: `${firstToken.signMs.median.toFixed(2)} ms median (${firstToken.signMs.min.toFixed(2)}–${firstToken.signMs.max.toFixed(2)})`,
    met: firstToken.signMs.median <= signingBudgetMs,
  });
  const telemetry = telemetryVerdict(results);
  if (telemetry !== undefined) verdicts.push(telemetry);
  const responses = figure('English', 'core-responses');
  if (responses !== undefined) {
    verdicts.push({
      target: 'CPU per token through core on the Responses route within 1.1x of the bare Responses loop (English)',
      measured: `${times(responses.ratio.median)} (${times(responses.ratio.min)}–${times(responses.ratio.max)})`,
      met: responses.ratio.median <= 1.1,
    });
  }
  verdicts.push(...hedgeAndResumeVerdicts(results.hedgeAndResume));
  return verdicts;
}
