import { describe, expect, it } from 'vitest';
import { runExample } from './support/exampleProcess.js';

describe('the resilience example', () => {
  it('shows a hedge winning over a slow first token and a broken stream resumed into the uninterrupted answer', async () => {
    const run = await runExample('examples/resilience/main.ts', []);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^hedge: attempt 1 of 2 won, first token after \d+(\.\d)? s$/m);
    expect(run.stdout).toMatch(/^resume: the stream broke after \d+ characters; continuing$/m);
    expect(run.stdout).toMatch(/^resumed answer equals the uninterrupted one: true$/m);
  });
});
