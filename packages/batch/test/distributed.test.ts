import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Emulator } from '@oci-genai-rx/emulator';
import { startEmulator } from '@oci-genai-rx/emulator';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { EmulatorConfigFiles } from '../../../examples/test/support/emulatorConfigFiles.js';
import { writeEmulatorConfigFiles } from '../../../examples/test/support/emulatorConfigFiles.js';
import { batchKeys } from '../src/distributed/batchKeys.js';
import { numberedPrompts, readResultLines, writePrompts } from './support/batchFiles.js';
import { finished, runBatchCommand, startBatch } from './support/batchProcess.js';
import { logArrivals } from './support/arrivalLog.js';
import type { RedisServer } from './support/redisServer.js';
import { freePort, startRedisServer } from './support/redisServer.js';

// Each command is a process started from sources, a few seconds each on a loaded machine.
describe('distributed mode', { timeout: 120_000 }, () => {
  let redis: RedisServer;
  let emulator: Emulator;
  let files: EmulatorConfigFiles;
  let queueNumber = 0;

  beforeAll(async () => {
    redis = await startRedisServer();
  });
  afterAll(async () => {
    await redis.stop();
  });
  afterEach(async () => {
    await emulator?.close();
    await files?.remove();
  });

  /** An emulator, its config files, a prompt file and a fresh queue name. */
  async function setUp(promptCount: number, options: Parameters<typeof startEmulator>[0] = {}) {
    emulator = await startEmulator(options);
    files = await writeEmulatorConfigFiles(emulator);
    const input = join(files.directory, 'prompts.jsonl');
    const output = join(files.directory, 'results.jsonl');
    await writePrompts(input, numberedPrompts(promptCount));
    queueNumber += 1;
    const queue = `test-${queueNumber}`;
    const on = ['--redis', redis.url, '--queue', queue];
    return {
      input,
      output,
      queue,
      enqueue: (...extra: string[]) => runBatchCommand(['enqueue', input, ...on, ...extra]),
      work: (...extra: string[]) => runBatchCommand(['work', ...on, ...files.flags, ...extra]),
      exportTo: (path: string) => runBatchCommand(['export', path, ...on]),
      status: () => runBatchCommand(['status', ...on]),
    };
  }

  it('answers every enqueued prompt once and exports them in input order', async () => {
    const { enqueue, work, exportTo, output, status, queue } = await setUp(20, { tokens: 8, tokenIntervalMs: 20 });

    const enqueued = await enqueue();
    expect(enqueued.code, enqueued.stderr).toBe(0);
    expect(enqueued.stdout).toMatch(/enqueued 20 of 20 prompts/);
    const [worked, watched] = await Promise.all([work('--concurrency', '4'), runBatchCommand(['status', '--redis', redis.url, '--queue', queue, '--watch', '--progress-interval', '0.5'])]);
    expect(worked.code, worked.stderr).toBe(0);
    // One view of the whole batch, until it is done.
    expect(watched.code, watched.stderr).toBe(0);
    expect(watched.stderr).toMatch(/progress: 20\/20 done, 0 failed, 0 in flight .* tok\/s, ETA/);
    const exported = await exportTo(output);

    expect(exported.code, exported.stderr).toBe(0);
    const lines = await readResultLines(output);
    expect(lines.map((line) => line.id)).toEqual(numberedPrompts(20).map((prompt) => prompt.id));
    expect(lines.every((line) => line.text !== undefined && line.text !== '' && line.finishReason === 'stop' && line.usage?.completionTokens === 8)).toBe(true);
    expect(emulator.counters.requests).toBe(20);
    expect((await status()).stdout).toMatch(/20\/20 done, 0 failed, 0 in flight, 0 waiting, 0 stuck; 20 requests paid, 0 lost to crashes/);
    // Jobs are removed on completion: only the results stay.
    const client = redis.client();
    expect(await client.keys(`bull:${queue}:*`)).not.toContainEqual(expect.stringMatching(/:p-\d+$/));
  });

  it('adds nothing when the same file is enqueued again, and refuses an id reused with other content', async () => {
    const { enqueue, input, queue, work } = await setUp(10, { tokens: 4 });
    expect((await enqueue()).code).toBe(0);
    const again = await enqueue();
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/enqueued 0 of 10 prompts .*\(0 already have a result, 10 already queued\)/);
    expect((await work()).code).toBe(0);
    const afterDone = await enqueue();
    expect(afterDone.stdout).toMatch(/enqueued 0 of 10 prompts .*\(10 already have a result, 0 already queued\)/);

    await writeFile(input, `${JSON.stringify({ id: 'p-3', prompt: 'Another question under an old id.' })}\n${JSON.stringify({ id: 'new-1', prompt: 'A new one.' })}\n`);
    const conflict = await enqueue();

    expect(conflict.code).toBe(2);
    expect(conflict.stderr).toMatch(new RegExp(`1 prompt\\(s\\) reuse an id that queue "${queue}" already holds with different content; nothing was enqueued:\\n  line 1: id "p-3"`));
    const client = redis.client();
    expect(await client.zcard(batchKeys(queue).order)).toBe(10);
    expect(emulator.counters.requests).toBe(10);
  });

  it('refuses a malformed line with its line number before anything is enqueued', async () => {
    const { enqueue, input, queue } = await setUp(0);
    await writeFile(input, '{"id": "a", "prompt": "Hi"}\n{"id": "b", "prompt": "Hi", "maxTokens": 0}\n');

    const result = await enqueue();

    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/line 2: "maxTokens" must be a whole number of at least 1, got 0\./);
    expect(await redis.client().keys(`*${queue}*`)).toEqual([]);
  });

  it('says that Redis cannot be reached, and exits 4 without hanging', async () => {
    const { input } = await setUp(3);
    const nobody = `redis://127.0.0.1:${await freePort()}`;

    for (const args of [['enqueue', input], ['work'], ['status'], ['export', join(files.directory, 'out.jsonl')]]) {
      const result = await runBatchCommand([...args, '--redis', nobody, '--queue', 'q']);
      expect(result.code, args[0]).toBe(4);
      expect(result.stderr).toContain(`cannot reach Redis at ${nobody}: connect ECONNREFUSED 127.0.0.1:`);
      expect(result.stderr).toContain('Start redis-server, or give the right --redis URL.');
    }
  });

  it('tells a worker given an unknown queue that it is empty or unknown', async () => {
    const { work } = await setUp(0);

    const result = await work();

    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/queue "test-\d+" at redis:\/\/127\.0\.0\.1:\d+ is empty or unknown: nothing was ever enqueued under that name/);
    expect(emulator.counters.requests).toBe(0);
  });

  it('renews the lock of a stream slower than the lock, so it is not taken as stalled and asked twice', async () => {
    // 3 s of streaming under a 1 s lock: without renewal the job would stall and run again.
    const { enqueue, work, exportTo, output } = await setUp(1, { tokens: 30, tokenIntervalMs: 100 });
    expect((await enqueue()).code).toBe(0);

    const worked = await work('--lock-duration', '1');

    expect(worked.code, worked.stderr).toBe(0);
    const exported = await exportTo(output);
    expect(exported.stdout).toMatch(/paid requests lost to crashes: 0/);
    expect(await readResultLines(output)).toHaveLength(1);
    expect(emulator.counters.requests).toBe(1);
    expect(emulator.counters.clientDisconnects).toBe(0);
  });

  it('pauses every worker after a 429 for its Retry-After, then goes back to full pace', async () => {
    const { enqueue, work, exportTo, output } = await setUp(12, { tokens: 6, tokenIntervalMs: 20 });
    expect((await enqueue()).code).toBe(0);
    const log = logArrivals(emulator);
    // The log samples the counter, which may step past 3 between two samples: set the fault once, from 3 on.
    let faultSet = false;
    log.onCount((requests) => {
      if (requests >= 3 && !faultSet) {
        faultSet = true;
        emulator.setFault('status=429; retry-after=2', { times: 1 });
      }
    });

    const runs = await Promise.all([work('--concurrency', '2'), work('--concurrency', '2')]);
    log.stop();

    for (const run of runs) expect(run.code, run.stderr).toBe(0);
    expect(runs.map((run) => run.stderr).join('')).toMatch(/429 on p-\d+: every worker pauses 2000 ms/);
    const arrivals = [...log.arrivals].sort((a, b) => a.earliest - b.earliest);
    const gaps = arrivals.slice(1).map((arrival, i) => arrival.earliest - arrivals[i]!.latest);
    // Both workers, four streams in all, started nothing for about the Retry-After.
    expect(Math.max(...gaps)).toBeGreaterThanOrEqual(1_500);
    expect((await exportTo(output)).code).toBe(0);
    expect((await readResultLines(output)).filter((line) => line.text !== undefined)).toHaveLength(12);
    expect(emulator.counters.requests).toBe(13);
  });

  it('holds prompts back across workers once the shared token budget is spent', async () => {
    // Each answer uses more than the budget: one prompt, then a wait of about a minute for the next.
    const { enqueue, queue } = await setUp(3, { tokens: 20 });
    expect((await enqueue()).code).toBe(0);
    const worker = startBatch(['work', '--redis', redis.url, '--queue', queue, ...files.flags, '--tpm', '10', '--concurrency', '1']);
    const other = startBatch(['work', '--redis', redis.url, '--queue', queue, ...files.flags, '--tpm', '10', '--concurrency', '1']);
    const runs = [finished(worker), finished(other)];

    await expect.poll(() => redis.client().hlen(batchKeys(queue).results), { timeout: 60_000, interval: 50 }).toBeGreaterThanOrEqual(1);
    // Both workers may have taken a prompt in the same instant, before any token was counted
    // (the documented overshoot by what is in flight); after that, the spent budget holds both.
    const started = emulator.counters.requests;
    expect(started).toBeLessThanOrEqual(2);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(emulator.counters.requests).toBe(started);
    worker.kill('SIGTERM');
    other.kill('SIGTERM');
    for (const run of await Promise.all(runs)) expect(run.code, run.stderr).toBe(130);
    expect(emulator.counters.requests).toBe(started);
  });

  it('records a refused prompt as an error line, and enqueue --retry-failed asks it again', async () => {
    const { enqueue, work, exportTo, output, status } = await setUp(4, { tokens: 4 });
    emulator.setFault('status=400', { times: 1 });
    expect((await enqueue()).code).toBe(0);
    expect((await work('--concurrency', '1')).code).toBe(0);
    const first = await exportTo(output);
    expect(first.code).toBe(1);
    expect((await readResultLines(output)).filter((line) => line.error?.status === 400)).toHaveLength(1);

    const retried = await enqueue('--retry-failed');
    expect(retried.stdout).toMatch(/enqueued 1 of 4 prompts .*\(3 already have a result, 0 already queued\)/);
    expect((await work()).code).toBe(0);
    const second = await exportTo(output);

    expect(second.code, second.stderr).toBe(0);
    const lines = await readResultLines(output);
    expect(lines.map((line) => line.id)).toEqual(['p-1', 'p-2', 'p-3', 'p-4']);
    expect(lines.every((line) => line.error === undefined)).toBe(true);
    expect(emulator.counters.requests).toBe(5);
    expect((await status()).stdout).toMatch(/4\/4 done, 0 failed/);
  });
});
