import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Emulator } from '@oci-genai-rx/emulator';
import { startEmulator } from '@oci-genai-rx/emulator';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { EmulatorConfigFiles } from '../../../examples/test/support/emulatorConfigFiles.js';
import { writeEmulatorConfigFiles } from '../../../examples/test/support/emulatorConfigFiles.js';
import { batchKeys } from '../src/distributed/batchKeys.js';
import { numberedPrompts, readResultLines, writePrompts } from './support/batchFiles.js';
import { runBatchCommand } from './support/batchProcess.js';
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
    const { enqueue, work, exportTo, output, status } = await setUp(20, { tokens: 8 });

    const enqueued = await enqueue();
    expect(enqueued.code, enqueued.stderr).toBe(0);
    expect(enqueued.stdout).toMatch(/enqueued 20 of 20 prompts/);
    const worked = await work('--concurrency', '4');
    expect(worked.code, worked.stderr).toBe(0);
    const exported = await exportTo(output);

    expect(exported.code, exported.stderr).toBe(0);
    const lines = await readResultLines(output);
    expect(lines.map((line) => line.id)).toEqual(numberedPrompts(20).map((prompt) => prompt.id));
    expect(lines.every((line) => line.text !== undefined && line.text !== '' && line.finishReason === 'stop' && line.usage?.completionTokens === 8)).toBe(true);
    expect(emulator.counters.requests).toBe(20);
    expect((await status()).stdout).toMatch(/20\/20 done, 0 failed, 0 in flight, 0 waiting, 0 stuck; 20 requests paid, 0 lost to crashes/);
    // Jobs are removed on completion: only the results stay.
    const client = redis.client();
    expect(await client.keys(`bull:${queueNumberName(queueNumber)}:*`)).not.toContainEqual(expect.stringMatching(/:p-\d+$/));
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
});

function queueNumberName(n: number): string {
  return `test-${n}`;
}
