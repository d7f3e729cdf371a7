import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Emulator } from '@oci-genai-rx/emulator';
import { startEmulator } from '@oci-genai-rx/emulator';
import { afterEach, describe, expect, it } from 'vitest';
import { idCounts, numberedPrompts, parseSummary, readResultLines, writePrompts } from './support/batchFiles.js';
import type { PromptLine } from './support/batchFiles.js';
import type { EmulatorConfigFiles } from '../../../examples/test/support/emulatorConfigFiles.js';
import { writeEmulatorConfigFiles } from '../../../examples/test/support/emulatorConfigFiles.js';
import { finished, runBatchCommand, startBatch } from './support/batchProcess.js';

// Each run is a process started from sources: seconds each on a loaded machine.
describe('local mode', { timeout: 60_000 }, () => {
  let emulator: Emulator | undefined;
  let files: EmulatorConfigFiles | undefined;

  afterEach(async () => {
    await emulator?.close();
    await files?.remove();
    emulator = undefined;
    files = undefined;
  });

  /** Starts the emulator, writes its config files and the prompts; returns the paths and a runner. */
  async function setUp(prompts: readonly PromptLine[], options: Parameters<typeof startEmulator>[0] = {}) {
    emulator = await startEmulator(options);
    files = await writeEmulatorConfigFiles(emulator);
    const input = join(files.directory, 'prompts.jsonl');
    const output = join(files.directory, 'results.jsonl');
    await writePrompts(input, prompts);
    const args = (...extra: string[]): string[] => ['--input', input, '--output', output, ...files!.flags, '--progress-interval', '0.2', ...extra];
    return { emulator, input, output, args, run: (...extra: string[]) => runBatchCommand(args(...extra)) };
  }

  it('writes one result line per prompt, with text, finish reason, usage and request id', async () => {
    const { run, output, emulator } = await setUp(numberedPrompts(8), { tokens: 12 });

    const result = await run('--concurrency', '3');

    expect(result.code, result.stderr).toBe(0);
    const records = await readResultLines(output);
    expect([...idCounts(records).entries()].sort()).toEqual(numberedPrompts(8).map((p) => [p.id, 1]).sort());
    for (const record of records) {
      expect(record.text).not.toBe('');
      expect(record.finishReason).toBe('stop');
      expect(record.usage?.completionTokens).toBe(12);
      expect(record.opcRequestId).toMatch(/\S/);
    }
    expect(parseSummary(result.stdout)).toEqual({ total: 8, ok: 8, failed: 0, skipped: 0 });
    expect(emulator.counters.requests).toBe(8);
    expect(result.stderr).toMatch(/progress: 8\/8 done, 0 failed, 0 in flight/);
  });

  it('retries 429s, records the prompts that fail as error lines, and accounts for every prompt', async () => {
    const prompts: PromptLine[] = [
      ...numberedPrompts(7),
      { id: 'cut-1', prompt: 'This answer breaks off.', headers: { 'x-emulator-fault': 'disconnect-after=5' } },
      { id: 'cut-2', prompt: 'This one too.', headers: { 'x-emulator-fault': 'disconnect-after=3' } },
      { id: 'bad', prompt: 'This one is refused.', headers: { 'x-emulator-fault': 'status=400' } },
    ];
    const { run, output, emulator } = await setUp(prompts, { tokens: 20 });
    emulator.setFault('status=429', { times: 3 });

    const result = await run('--concurrency', '4', '--retries', '3');

    expect(result.code, result.stderr).toBe(1);
    const records = await readResultLines(output);
    expect(records).toHaveLength(prompts.length);
    expect(idCounts(records).size).toBe(prompts.length);
    const failed = records.filter((record) => record.error !== undefined);
    expect(failed.map((record) => record.id).sort()).toEqual(['bad', 'cut-1', 'cut-2']);
    const bad = failed.find((record) => record.id === 'bad');
    expect(bad?.error).toMatchObject({ code: 'HTTP', status: 400 });
    expect(bad?.error?.message).toMatch(/400/);
    expect(bad?.error?.opcRequestId).toMatch(/\S/);
    for (const id of ['cut-1', 'cut-2']) {
      expect(failed.find((record) => record.id === id)?.error?.code).toMatch(/^(CONNECTION|INCOMPLETE_STREAM)$/);
    }
    expect(parseSummary(result.stdout)).toEqual({ total: 10, ok: 7, failed: 3, skipped: 0 });
    // Each prompt once, plus one retry per 429; the cut-off streams are not retried (text had arrived).
    expect(emulator.counters.requests).toBe(prompts.length + 3);
  });

  it('halves the concurrency when prompts end in 429 and grows it back', async () => {
    const { run, output } = await setUp(numberedPrompts(8), { tokens: 10 });
    emulator!.setFault('status=429', { times: 2 });

    const result = await run('--concurrency', '4', '--retries', '0');

    expect(result.stderr).toMatch(/concurrency limit now 2/);
    expect(result.stderr).toMatch(/concurrency limit now 4/);
    expect((await readResultLines(output)).filter((record) => record.error?.status === 429)).toHaveLength(2);
  });

  it('halves the concurrency on 429s that retries absorbed, and still answers every prompt', async () => {
    const { run, output } = await setUp(numberedPrompts(8), { tokens: 10 });
    emulator!.setFault('status=429', { times: 2 });

    const result = await run('--concurrency', '4', '--retries', '3');

    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/concurrency limit now 2/);
    expect((await readResultLines(output)).filter((record) => record.error !== undefined)).toHaveLength(0);
  });

  it('resumes after being killed: every id exactly once, finished prompts not asked again', async () => {
    const prompts = numberedPrompts(12);
    const { args, output, emulator, run } = await setUp(prompts, { tokens: 15, tokenIntervalMs: 25 });

    const child = startBatch(args('--concurrency', '2'));
    const killed = finished(child);
    await expect.poll(async () => (await readResultLines(output)).length, { timeout: 15_000, interval: 20 }).toBeGreaterThanOrEqual(3);
    child.kill('SIGKILL');
    expect((await killed).signal).toBe('SIGKILL');

    const done = (await readResultLines(output)).length;
    expect(done).toBeLessThan(prompts.length);
    const requestsBefore = emulator.counters.requests;

    const resumed = await run('--concurrency', '2');

    expect(resumed.code, resumed.stderr).toBe(0);
    const records = await readResultLines(output);
    expect([...idCounts(records).entries()].sort()).toEqual(prompts.map((p) => [p.id, 1]).sort());
    expect(records.every((record) => record.error === undefined)).toBe(true);
    expect(emulator.counters.requests - requestsBefore).toBe(prompts.length - done);
    expect(parseSummary(resumed.stdout)).toEqual({ total: 12, ok: 12 - done, failed: 0, skipped: done });
  });

  // Tokens count once a prompt's usage is known, so the token budget is shown with one prompt at a time.
  it.each([
    ['--rpm', '1', '2'],
    ['--tpm', '10', '1'],
  ])('holds the next prompt back once %s %s is spent, and SIGINT stops the wait with a summary', async (flag, value, concurrency) => {
    const { args, output, emulator } = await setUp(numberedPrompts(2), { tokens: 20 });
    const child = startBatch(args('--concurrency', concurrency, flag, value));
    const run = finished(child);

    await expect.poll(async () => (await readResultLines(output)).length, { timeout: 10_000, interval: 20 }).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(emulator.counters.requests).toBe(1);
    child.kill('SIGINT');

    const result = await run;
    expect(result.code, result.stderr).toBe(130);
    expect(result.stdout).toMatch(/summary: total 2, ok 1, failed 0, skipped 0, not run 1 \(interrupted: run again to resume\)/);
    expect(emulator.counters.requests).toBe(1);
  });

  it('skips failed ids on a plain re-run', async () => {
    const { run, emulator } = await setUp(numberedPrompts(6), { tokens: 8 });
    emulator.setFault('status=500', { times: 2 });
    expect((await run('--retries', '0', '--concurrency', '1')).code).toBe(1);
    const requestsBefore = emulator.counters.requests;

    const again = await run();

    expect(again.code).toBe(1);
    expect(emulator.counters.requests).toBe(requestsBefore);
    expect(again.stdout).toMatch(/skipped 6 \(already in results\.jsonl: 4 ok, 2 failed\)/);
  });

  it('re-runs only the failed ids with --retry-failed, leaving each id once', async () => {
    const prompts = numberedPrompts(8);
    const { run, output, emulator } = await setUp(prompts, { tokens: 8 });
    emulator.setFault('status=500', { times: 3 });
    const first = await run('--retries', '0', '--concurrency', '1');
    expect(first.code).toBe(1);
    const failedIds = (await readResultLines(output)).filter((record) => record.error !== undefined).map((record) => record.id);
    expect(failedIds).toHaveLength(3);
    const requestsBefore = emulator.counters.requests;

    const retried = await run('--retry-failed');

    expect(retried.code, retried.stderr).toBe(0);
    expect(emulator.counters.requests - requestsBefore).toBe(3);
    expect(parseSummary(retried.stdout)).toEqual({ total: 8, ok: 3, failed: 0, skipped: 5 });
    const records = await readResultLines(output);
    expect([...idCounts(records).entries()].sort()).toEqual(prompts.map((p) => [p.id, 1]).sort());
    expect(records.every((record) => record.error === undefined)).toBe(true);
  });

  it('refuses an input file with invalid lines before sending anything', async () => {
    const { run, input, emulator } = await setUp([]);
    await writeFile(input, '{"id": "a", "prompt": "Hi"}\nnot json\n{"id": "a", "prompt": "again"}\n{"prompt": "no id"}\n');

    const result = await run();

    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/line 2: not JSON/);
    expect(result.stderr).toMatch(/line 3: id "a" is already used on line 1/);
    expect(result.stderr).toMatch(/line 4: "id" must be/);
    expect(emulator.counters.requests).toBe(0);
  });

  it('refuses maxTokens 0 as out of range and an unknown field by name, before sending anything', async () => {
    const { run, input, emulator } = await setUp([]);
    await writeFile(input, '{"id": "a", "prompt": "Hi", "maxTokens": 0}\n{"id": "b", "prompt": "Hi", "maxToken": 20}\n{"id": "c", "prompt": "Hi", "maxTokens": "20"}\n');

    const result = await run();

    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/line 1: "maxTokens" must be a whole number of at least 1, got 0\./);
    expect(result.stderr).not.toMatch(/line 1: .*wrong type/);
    expect(result.stderr).toMatch(/line 2: unknown field "maxToken"; a prompt line may have only "id", "prompt", "model", "system", "maxTokens", "temperature", "headers"\./);
    expect(result.stderr).toMatch(/line 3: "maxTokens" must be a number, got "20"\./);
    expect(emulator.counters.requests).toBe(0);
  });

  it('says that a missing input file does not exist, without a raw ENOENT or a stack', async () => {
    const { run, input, emulator } = await setUp([]);
    await rm(input);

    const result = await run();

    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`cannot read ${input}: there is no such file. Give the path of a JSONL file of prompts.`);
    expect(result.stderr).not.toMatch(/ENOENT|\n\s+at /);
    expect(emulator.counters.requests).toBe(0);
  });

  it('stops on a full disk with exit status 3, saying what was written and how to resume', async () => {
    const { args, emulator } = await setUp(numberedPrompts(3), { tokens: 5 });
    const withOutput = args('--concurrency', '1');
    // /dev/full refuses every write with ENOSPC, as a full disk does.
    withOutput[withOutput.indexOf('--output') + 1] = '/dev/full';

    const result = await runBatchCommand(withOutput);

    expect(result.code, result.stderr).toBe(3);
    expect(result.stderr).toMatch(/could not write to \/dev\/full: no space left on the device \(ENOSPC\)\. This run wrote 0 result line\(s\) before that; 1 answer\(s\) received were not recorded and 2 prompt\(s\) were not run\./);
    expect(result.stderr).toMatch(/free the space and run the same command again to resume/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stdout).toMatch(/summary: total 3, ok 0, failed 0, skipped 0, not run 3/);
    // The run stopped at the first failed write instead of asking the other prompts.
    expect(emulator.counters.requests).toBe(1);
  });
});
