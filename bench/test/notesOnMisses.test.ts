import { describe, expect, it } from 'vitest';
import type { BenchResults } from '../src/BenchResults.js';
import type { TargetVerdict } from '../src/evaluateTargets.js';
import { notesOnMisses } from '../src/renderReport.js';

// Only the parts the notes read: no throughput rows (so no borderline core row), no operator costs.
const results = { throughput: { figures: [] }, operators: { costs: [] }, firstToken: { reuse: [] } } as unknown as BenchResults;

const floorMiss: TargetVerdict = {
  target: 'Floor: core-operators at most 1.2x the bare loop in CPU per token and in steady-state instructions per token (English)',
  measured: 'CPU 1.21x (0.93x–1.59x), instructions 1.14x',
  met: false,
};

describe('notesOnMisses', () => {
  it('says every target was met only when none was missed', () => {
    expect(notesOnMisses(results, [{ ...floorMiss, met: true }])).toContain('Every target was met.');
  });

  it('names a missed target that has no note of its own, with what was measured', () => {
    const notes = notesOnMisses(results, [floorMiss]);
    expect(notes).not.toContain('Every target was met.');
    expect(notes).toContain(`**${floorMiss.target}**: not met; measured ${floorMiss.measured}.`);
  });

  it('names a core-within-1.1x miss even when no row straddles the line (its own note needs one)', () => {
    const miss = { target: 'CPU per token through core within 1.1x of the bare loop (English, core-text)', measured: '1.15x', met: false };
    expect(notesOnMisses(results, [miss])).toContain(`**${miss.target}**: not met`);
  });
});
