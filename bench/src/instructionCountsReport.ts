import type { InstructionCountReport } from './instructionCounts.js';

/**
 * The "Instructions per token" section of docs/BENCHMARKS.md: steady-state counts from valgrind
 * (the median of several streams, with their range), V8's background compiles apart, and the
 * ratio of medians to the bare loop.
 *
 * @example
 * instructionCountsSection(results.instructions); // '## Instructions per token (valgrind)\n\n…| core-events | English | 15105 | 15101–15462 | 1.01x | 248 (…) | 22604 |…'
 */
export function instructionCountsSection(report: InstructionCountReport): string {
  const whole = (value: number): string => value.toFixed(0);
  const rows = report.figures.map((f) =>
    `| ${f.contender} | ${f.language} | ${whole(f.perToken.median)} | ${whole(f.perToken.min)}–${whole(f.perToken.max)} | ${f.ratio.toFixed(2)}x | ${whole(f.compilePerToken.median)} (${whole(f.compilePerToken.min)}–${whole(f.compilePerToken.max)}) | ${whole(f.firstStreamPerToken)} |`);
  const steady = report.streams - 1;
  return `## Instructions per token (valgrind)

Counted by \`${report.valgrind.join(' ')}\` over every thread of the contender's process (the
emulator runs in its own). One process per contender streams a ${report.warmupTokens.toLocaleString('en')}-token warm-up of each answer, then
each ${report.tokens.toLocaleString('en')}-token answer ${report.streams} times, each after a full collection, on a client opened before
the stream and closed after it. Callgrind dumps the count of each phase apart, so start-up,
warm-up, collections, client set-up and exit never land in a stream's count. The first stream after
the warm-up still compiles much of its hot code (its own column, all instructions); the other ${steady}
are the steady state: their median and range (fewest–most), and the ratio of medians to the bare
loop's, which is what the floor targets judge. In those, V8's background TurboFan jobs (the
inclusive cost of \`OptimizingCompileDispatcher::CompileTask::RunInternal\`) are counted apart, in
their own column: functions called a few times per network read reach the optimizing tier after
one stream or another, so a stream gets up to about 4,500 instructions a token of compiling or none,
which moved a single stream's total by ±5–8%. The rest of a stream's count still moves by a few
percent, and on a loaded machine (a load average of 7 on 2 cores) one stream in three came out up to
half again as high: the range shows such a stream, the median leaves it out, and a ratio within
about 3% of 1 is within the noise of one run. Node keeps
its JIT, as in the CPU figures, with \`--no-flush-bytecode\` so the collections do not make each stream
compile its client again. Same answers and SHA-256 checks as above. ${report.durationS.toFixed(0)} s under valgrind.

| contender | language | instructions/token, steady state (median, without background compiles) | range of the ${steady} streams | vs bare loop (medians) | background compiles per token, median (range) | first stream after warm-up (all) |
|---|---|---|---|---|---|---|
${rows.join('\n')}`;
}
