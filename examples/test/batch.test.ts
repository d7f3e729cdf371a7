import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runExample } from './support/exampleProcess.js';

// The runner itself is tested in packages/batch; this checks that the example embeds it.
describe('batch example', () => {
  let directory: string | undefined;

  afterEach(async () => {
    if (directory !== undefined) await rm(directory, { recursive: true, force: true });
    directory = undefined;
  });

  it('answers the sample prompts from its embedded emulator, one line per id', async () => {
    directory = await mkdtemp(join(tmpdir(), 'batch-example-'));
    const output = join(directory, 'results.jsonl');

    const result = await runExample('examples/batch/main.ts', ['--input', 'examples/batch/prompts.sample.jsonl', '--output', output, '--progress-interval', '1']);

    const sampleIds = (await readFile('examples/batch/prompts.sample.jsonl', 'utf8')).split('\n').filter((line) => line.trim() !== '').map((line) => String((JSON.parse(line) as { id: unknown }).id));
    const lines = (await readFile(output, 'utf8')).split('\n').filter((line) => line !== '').map((line) => JSON.parse(line) as { id: string; text?: string; error?: unknown });
    expect(lines.map((line) => line.id).sort()).toEqual([...sampleIds].sort());
    expect(result.stderr).toMatch(/the embedded emulator at http:\/\/127\.0\.0\.1:\d+/);
    expect(result.stdout).toMatch(new RegExp(`summary: total ${sampleIds.length}, ok \\d+, failed \\d+, skipped 0`));
  });
});
