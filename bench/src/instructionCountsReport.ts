import type { InstructionCountReport } from './instructionCounts.js';

/**
 * The "Instructions per token" section of docs/BENCHMARKS.md: steady-state counts from valgrind
 * and their ratio to the bare loop.
 *
 * @example
 * instructionCountsSection(results.instructions); // '## Instructions per token (valgrind)\n\n…| core-events | English | 20581 | 1.27x |…'
 */
export function instructionCountsSection(report: InstructionCountReport): string {
  const rows = report.figures.map((f) => `| ${f.contender} | ${f.language} | ${f.perToken.toFixed(0)} | ${f.ratio.toFixed(2)}x | ${f.firstStreamPerToken.toFixed(0)} |`);
  return `## Instructions per token (valgrind)

Counted by \`${report.valgrind.join(' ')}\` over every thread of the contender's process (the
emulator runs in its own). One process per contender streams a ${report.warmupTokens.toLocaleString('en')}-token warm-up of each answer, then
each ${report.tokens.toLocaleString('en')}-token answer twice, each after a full collection; the count after two streams minus the
count after one is a stream in steady state (start-up, warm-up, collections and exit cancel out:
callgrind dumps the count of each phase apart). Node keeps its JIT, as in the CPU figures, with
\`--no-flush-bytecode\` so the collections do not make each stream compile its client again.
Same answers and SHA-256 checks as above. ${report.durationS.toFixed(0)} s under valgrind.

| contender | language | instructions/token, steady state | vs bare loop | first stream after warm-up |
|---|---|---|---|---|
${rows.join('\n')}`;
}
