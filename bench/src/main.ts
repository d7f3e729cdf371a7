/**
 * `pnpm bench`: runs every benchmark against the emulator and writes docs/BENCHMARKS.md.
 * Exits non-zero when a contender produced wrong output (a fast wrong answer never counts).
 *
 * Environment: BENCH_TOKENS (answer length, default 100000), BENCH_PAIRS (pairs of streams, a contender's
 * and the bare loop's side by side, per contender in the throughput tables, default 15), BENCH_FLOOR_PAIRS (the
 * same for oci-genai-rx's own rows, whose targets sit within a few percent of the bare loop, default 31), BENCH_REPETITIONS
 * (repetitions of the other measures, default 7),
 * BENCH_STREAMS (many-streams count, default 1000), BENCH_BURST_INSTRUCTION_STREAMS (streams of
 * the burst counted under valgrind, default 100), BENCH_INSTRUCTION_TOKENS (answer length of
 * the valgrind instruction counts, default 20000), BENCH_INSTRUCTION_STREAMS (measured streams of
 * each answer under valgrind, default 4: the first, then 3 in steady state), BENCH_OUTPUT (report path, default
 * docs/BENCHMARKS.md).
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { BenchResults } from './BenchResults.js';
import { repoRoot, runScript } from './childProcess.js';
import { contenders } from './contenders/contenders.js';
import { evaluateTargets } from './evaluateTargets.js';
import { evaluateFloorTargets } from './floorTargets.js';
import type { ClauseLatencyInput, ClauseLatencyResult } from './clauseLatency.js';
import type { FirstTokenInput, FirstTokenResult } from './firstToken.js';
import type { HedgeAndResumeInput, HedgeAndResumeResult } from './hedgeAndResume.js';
import { measureBurstInstructions } from './burstInstructions.js';
import { callgrindCommand, measureInstructionCounts } from './instructionCounts.js';
import { describeMachine } from './machine.js';
import type { ManyStreamsInput, ManyStreamsResult } from './manyStreams.js';
import { measureOperators } from './measureOperators.js';
import { renderReport } from './renderReport.js';
import { measureSentenceQuality } from './sentenceQuality.js';
import { measureThroughput } from './throughput.js';
import { measureBatchScaling } from './batchReport.js';

function numberFromEnv(name: string, fallback: number): number {
  const text = process.env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a whole number of at least 1, got "${text}"`);
  return value;
}

const log = (line: string): void => void process.stderr.write(`${line}\n`);

// The instruction counts need valgrind (callgrindCommand throws when it is missing) and the batch
// section redis-server: say so now, not after half an hour of throughput runs.
callgrindCommand();
if (spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status !== 0) {
  throw new Error('pnpm bench needs redis-server, which is not on PATH: install it (apt-get install redis-server; .ci/run does) and run pnpm bench again');
}

const tokens = numberFromEnv('BENCH_TOKENS', 100_000);
const pairs = numberFromEnv('BENCH_PAIRS', 15);
const floorPairs = numberFromEnv('BENCH_FLOOR_PAIRS', 31);
const repetitions = numberFromEnv('BENCH_REPETITIONS', 7);
const streams = numberFromEnv('BENCH_STREAMS', 1000);
const burstInstructionStreams = numberFromEnv('BENCH_BURST_INSTRUCTION_STREAMS', 100);
const instructionTokens = numberFromEnv('BENCH_INSTRUCTION_TOKENS', 20_000);
const instructionStreams = numberFromEnv('BENCH_INSTRUCTION_STREAMS', 4);
const output = resolve(repoRoot, process.env['BENCH_OUTPUT'] ?? 'docs/BENCHMARKS.md');
const started = performance.now();
const machine = describeMachine();

log(`throughput: ${contenders.length} contenders x 2 languages x ${pairs} pairs with the bare loop (${floorPairs} for oci-genai-rx's own rows), ${tokens} tokens each`);
const throughput = await measureThroughput({ tokens, repetitions: pairs, floorRepetitions: floorPairs, warmupTokens: Math.ceil(tokens / 10), contenders, languages: ['English', 'Japanese'], log });
const pacedTokens = Math.ceil(tokens / 5);
log(`throughput, one event per write: ${contenders.length} contenders x ${pairs} pairs with the bare loop, ${pacedTokens} tokens each`);
const pacedThroughput = await measureThroughput({
  tokens: pacedTokens,
  repetitions: pairs,
  floorRepetitions: floorPairs,
  warmupTokens: Math.ceil(pacedTokens / 10),
  contenders,
  languages: ['English'],
  emulatorFaults: 'events-per-write=1',
  log,
});
log(`instructions per token under valgrind: bare, core-events, core-operators x 2 languages, ${instructionStreams} streams of ${instructionTokens} tokens each`);
const instructions = await measureInstructionCounts({
  tokens: instructionTokens,
  warmupTokens: instructionTokens,
  streams: instructionStreams,
  contenders: ['bare', 'core-events', 'core-operators'],
  languages: ['English', 'Japanese'],
  log,
});
log('operator cost per token and bufferSentences scaling (in process)');
const operators = await measureOperators(tokens, Math.max(repetitions, 5), log);
log('time to first token and connection reuse');
const firstToken = await runScript<FirstTokenResult>('firstToken.ts', { samples: 100, prompts: 100 } satisfies FirstTokenInput);
log(`${streams} concurrent streams`);
const manyStreams = await runScript<ManyStreamsResult>('manyStreams.ts', { streams, tokens: 20, ttftMs: 1500, tokenIntervalMs: 25 } satisfies ManyStreamsInput, 600_000);
log(`instructions per started stream under valgrind: ${burstInstructionStreams} one-token answers at once, signed in slices and in one turn`);
const burstInstructions = await measureBurstInstructions(burstInstructionStreams);

log('hedged requests against a heavy-tailed first token, resumed streams');
const hedgeAndResume = await runScript<HedgeAndResumeResult>(
  'hedgeAndResume.ts',
  { requests: 1000, concurrency: 10, ttftMs: 300, slowShare: 0.05, slowMs: 3000, afterMs: 400, resumes: 500, answerTokens: 40 } satisfies HedgeAndResumeInput,
  600_000,
);

log('sentence quality: pySBD golden rules, bufferSentences streamed and Intl.Segmenter');
const sentenceQuality = measureSentenceQuality();
log('time to first piece on a paced stream: bufferSentences with and without clause mode');
const clauseLatency = await runScript<ClauseLatencyResult>('clauseLatency.ts', { samples: 10, ttftMs: 200, tokenIntervalMs: 20 } satisfies ClauseLatencyInput);
log('batch runner: 1, 2 and 4 worker processes on Redis, and local mode');
const batchScaling = await measureBatchScaling();

const results: BenchResults = { machine, durationS: (performance.now() - started) / 1000, throughput, pacedThroughput, instructions, operators, firstToken, manyStreams, burstInstructions, hedgeAndResume, sentenceQuality, batchScaling };
const verdicts = [...evaluateTargets(results), ...evaluateFloorTargets(results, sentenceQuality, clauseLatency)];
writeFileSync(output, renderReport(results, verdicts, 'pnpm bench'));
log(`wrote ${output}`);
for (const verdict of verdicts) log(`${verdict.met ? 'met   ' : 'MISSED'} ${verdict.target}: ${verdict.measured}`);
const wrongOutputs = [...throughput.wrongOutputs, ...pacedThroughput.wrongOutputs, ...instructions.wrongOutputs];
if (wrongOutputs.length > 0) {
  for (const wrong of wrongOutputs) log(`WRONG OUTPUT: ${wrong.contender} ${wrong.language} repetition ${wrong.repetition + 1}: ${wrong.problem}`);
  process.exitCode = 1;
}
