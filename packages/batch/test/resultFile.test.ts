import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compactResults } from '../src/results/compactResults.js';
import { readResults } from '../src/results/readResults.js';
import { openResultFile } from '../src/results/ResultFile.js';

describe('batch result file', () => {
  let directory: string;
  let path: string;

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'batch-results-'));
    path = join(directory, 'results.jsonl');
  });

  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  const lines = async (): Promise<string[]> => (await readFile(path, 'utf8')).split('\n').filter((line) => line !== '');

  it('reads a missing file as no results', async () => {
    const results = await readResults(path);

    expect(results.statusById.size).toBe(0);
    expect(results.endsWithNewline).toBe(true);
  });

  it('lets a later line for an id win over an earlier one', async () => {
    await writeFile(path, '{"id":"a","error":{"code":"HTTP","message":"429"}}\n{"id":"b","text":"B"}\n{"id":"a","text":"A"}\n');

    const results = await readResults(path);

    expect([...results.statusById]).toEqual([
      ['a', 'ok'],
      ['b', 'ok'],
    ]);
    expect(results.superseded).toBe(1);
  });

  it('ignores a line cut short by a crash, and starts the next result on a new line', async () => {
    await writeFile(path, '{"id":"a","text":"A"}\n{"id":"b","te');

    const results = await readResults(path);
    const file = openResultFile(path, results.endsWithNewline);
    file.append({ id: 'b', text: 'B' });
    file.close();

    expect(results.malformed).toBe(1);
    expect(results.endsWithNewline).toBe(false);
    expect([...(await readResults(path)).statusById]).toEqual([
      ['a', 'ok'],
      ['b', 'ok'],
    ]);
  });

  it('compacts to the latest line of each id and keeps lines it does not understand', async () => {
    await writeFile(path, '{"id":"a","error":{"code":"HTTP","message":"429"}}\nnot a result\n{"id":"b","text":"B"}\n{"id":"a","text":"A"}\n');

    const dropped = await compactResults(path);

    expect(dropped).toBe(1);
    expect(await lines()).toEqual(['not a result', '{"id":"b","text":"B"}', '{"id":"a","text":"A"}']);
  });
});
