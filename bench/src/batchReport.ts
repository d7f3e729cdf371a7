/**
 * `pnpm bench:batch`: only the batch benchmark (a few minutes), replacing its section of
 * docs/BENCHMARKS.md and leaving the rest of the report as the last `pnpm bench` wrote it.
 *
 * Environment: BENCH_BATCH_PROMPTS (default 160), BENCH_OUTPUT (default docs/BENCHMARKS.md).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { BatchScalingInput, BatchScalingResult } from './batchScaling.js';
import { repoRoot, runScript } from './childProcess.js';
import { batchSectionEnd, batchSectionStart, renderBatchSection } from './renderBatchSection.js';

/** The batch benchmark's input, shared with `pnpm bench`. */
export function batchScalingInput(): BatchScalingInput {
  const prompts = Number(process.env['BENCH_BATCH_PROMPTS'] ?? 160);
  if (!Number.isInteger(prompts) || prompts < 1) throw new Error(`BENCH_BATCH_PROMPTS must be a whole number of at least 1, got "${process.env['BENCH_BATCH_PROMPTS']}"`);
  return { prompts, concurrency: 8, workerCounts: [1, 2, 4], memoryPrompts: 10_000 };
}

/** Runs the batch benchmark in a child process. */
export function measureBatchScaling(): Promise<BatchScalingResult> {
  return runScript<BatchScalingResult>('batchScaling.ts', batchScalingInput(), 900_000);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const output = resolve(repoRoot, process.env['BENCH_OUTPUT'] ?? 'docs/BENCHMARKS.md');
  const section = renderBatchSection(await measureBatchScaling(), 'pnpm bench:batch');
  const report = existsSync(output) ? readFileSync(output, 'utf8') : '';
  const start = report.indexOf(batchSectionStart);
  const end = report.indexOf(batchSectionEnd);
  const updated = start >= 0 && end > start ? `${report.slice(0, start)}${section}${report.slice(end + batchSectionEnd.length)}` : `${report.trimEnd()}\n\n${section}\n`;
  writeFileSync(output, updated);
  process.stderr.write(`wrote the batch section of ${output}\n`);
}
