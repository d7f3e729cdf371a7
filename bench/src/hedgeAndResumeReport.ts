import type { TargetVerdict } from './evaluateTargets.js';
import type { HedgeAndResumeResult } from './hedgeAndResume.js';

const ms = (value: number): string => (Number.isFinite(value) ? `${value.toFixed(0)} ms` : 'n/a');
const percent = (value: number): string => `${(value * 100).toFixed(1)}%`;

/** The hedging goal: p99 at most afterMs + p50 + 100 ms, at no more than 7% extra requests. */
export function hedgeAndResumeVerdicts({ input, hedging, resume }: HedgeAndResumeResult): TargetVerdict[] {
  const fixed = hedging.find((row) => row.label.includes(`afterMs: ${input.afterMs} `));
  const verdicts: TargetVerdict[] = [];
  if (fixed !== undefined) {
    const bound = input.afterMs + fixed.p50 + 100;
    verdicts.push({
      target: `Hedging: first-token p99 ≤ afterMs + p50 + 100 ms with ≤ 7% extra requests (${input.requests} requests, ${percent(input.slowShare)} at ${input.slowMs} ms)`,
      measured: `p99 ${ms(fixed.p99)} (bound ${ms(bound)}), ${percent(fixed.extraRequests)} extra`,
      met: fixed.p99 <= bound && fixed.extraRequests <= 0.07,
    });
  }
  verdicts.push({
    target: `Resume: the resumed text equals the uninterrupted answer in 100% of ${resume.streams} streams reset at random points`,
    measured: `${resume.identical}/${resume.streams} identical (${resume.resumed} resumed)`,
    met: resume.identical === resume.streams && resume.resumed === resume.streams,
  });
  return verdicts;
}

/** The report section: first-token tails with and without hedging, and what resuming cost. */
export function hedgeAndResumeSection({ input, hedging, resume }: HedgeAndResumeResult): string {
  const rows = hedging.map((row) => `| ${row.label} | ${ms(row.p50)} | ${ms(row.p95)} | ${ms(row.p99)} | ${percent(row.extraRequests)} |`);
  const billed = resume.originalPromptTokens + resume.completionTokens;
  return `## Hedged requests and resumed streams

${input.requests.toLocaleString('en')} prompts, ${input.concurrency} at a time, against an emulator whose first token takes ${input.ttftMs} ms, and ${input.slowMs} ms for a seeded ${percent(input.slowShare)} of requests (\`slowFirstToken\`). Time to first token from subscription; extra requests counted by the emulator.

| how | p50 | p95 | p99 | extra requests |
|---|---|---|---|---|
${rows.join('\n')}

${resume.streams} streams of ${input.answerTokens} tokens, each reset (\`disconnect-after\`) at a different point and resumed once by \`resumeStream\` with \`continueAnswer\`: ${resume.identical} of ${resume.streams} equal the uninterrupted answer. The continuations re-sent the conversation with the partial answer: ${resume.extraPromptTokens.toLocaleString('en')} extra prompt tokens billed, against ${resume.originalPromptTokens.toLocaleString('en')} prompt tokens for the same prompts unbroken (${percent(resume.extraPromptTokens / Math.max(1, billed))} of what the unbroken answers bill, prompt and completion).`;
}
