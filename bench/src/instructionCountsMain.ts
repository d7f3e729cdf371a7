/**
 * `pnpm bench:instructions`: only the valgrind instruction counts of the bare loop, core's events
 * and the usual pipeline, printed (the same measurement `pnpm bench` puts in docs/BENCHMARKS.md).
 * BENCH_INSTRUCTION_TOKENS sets the answer length (default 20000), BENCH_INSTRUCTION_STREAMS the
 * measured streams of each answer (default 4: the first after the warm-up, then 3 in steady
 * state, of which the median counts); BENCH_CONTENDERS a
 * comma-separated list of contender ids (default bare,core-events,core-operators; the first is
 * the baseline).
 */
import { measureInstructionCounts } from './instructionCounts.js';

const log = (line: string): void => void process.stderr.write(`${line}\n`);
const tokens = Number(process.env['BENCH_INSTRUCTION_TOKENS'] ?? 20_000);
if (!Number.isInteger(tokens) || tokens < 1) throw new Error(`BENCH_INSTRUCTION_TOKENS must be a whole number of at least 1, got "${process.env['BENCH_INSTRUCTION_TOKENS'] ?? ''}"`);
const streams = Number(process.env['BENCH_INSTRUCTION_STREAMS'] ?? 4);
const contenders = (process.env['BENCH_CONTENDERS'] ?? 'bare,core-events,core-operators').split(',');
const report = await measureInstructionCounts({ tokens, warmupTokens: tokens, streams, contenders, languages: ['English', 'Japanese'], log });
for (const figure of report.figures) {
  const { median, min, max } = figure.perToken;
  log(`${figure.language.padEnd(8)} ${figure.contender.padEnd(15)} ${median.toFixed(0).padStart(6)} instructions/token (${min.toFixed(0)}–${max.toFixed(0)})  ${figure.ratio.toFixed(3)}x`);
}
for (const wrong of report.wrongOutputs) log(`WRONG OUTPUT: ${wrong.contender} ${wrong.language}: ${wrong.problem}`);
if (report.wrongOutputs.length > 0) process.exitCode = 1;
