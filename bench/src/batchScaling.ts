/**
 * Child script: the distributed batch runner against an emulator paced like OCI (300 ms to the
 * first token, 50 tokens/s), with 1, 2 and 4 worker processes, and the same batch in local mode.
 * Also the queue's cost per job (Redis commands, worker CPU on top of the stream) and Redis's
 * memory per job and per result. Input: {@link BatchScalingInput}; result: {@link BatchScalingResult}.
 */
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createClient } from '@oci-genai-rx/core';
import type { BatchPrompt } from '@oci-genai-rx/batch';
import { batchKeys, BatchStats, connectRedis, enqueuePrompts, recordResult, runBatch } from '@oci-genai-rx/batch';
import { Queue } from 'bullmq';
import { lastValueFrom, toArray } from 'rxjs';
import type { RedisServer } from '../../packages/batch/test/support/redisServer.js';
import { startRedisServer } from '../../packages/batch/test/support/redisServer.js';
import { childMain, repoRoot } from './childProcess.js';
import type { EmulatorProcess } from './startEmulatorProcess.js';
import { startEmulatorProcess } from './startEmulatorProcess.js';

/** What to measure. */
export interface BatchScalingInput {
  /** Prompts per run. */
  readonly prompts: number;
  /** Streams per worker (and local mode's concurrency). */
  readonly concurrency: number;
  readonly workerCounts: readonly number[];
  /** Prompts enqueued for the memory measurement. */
  readonly memoryPrompts: number;
}

/** One distributed run. */
export interface WorkerRun {
  readonly workers: number;
  readonly seconds: number;
  readonly promptsPerSecond: number;
  /** Worker processes' CPU (user + system) per prompt, from ready to done, in ms. */
  readonly workerCpuMsPerPrompt: number;
  /**
   * Redis commands per prompt (INFO commandstats) from enqueue to done, every worker and the
   * enqueue included; each command a Lua script runs counts, so round trips are fewer.
   */
  readonly redisCommandsPerPrompt: number;
  /** Redis server CPU per prompt, in ms. */
  readonly redisCpuMsPerPrompt: number;
}

export interface BatchScalingResult {
  readonly prompts: number;
  readonly concurrency: number;
  readonly ttftMs: number;
  readonly tokensPerSecond: number;
  readonly tokens: number;
  readonly runs: readonly WorkerRun[];
  readonly local: { readonly seconds: number; readonly promptsPerSecond: number; readonly cpuMsPerPrompt: number };
  /** Prompts enqueued for the memory figures. */
  readonly memoryPrompts: number;
  /** Bytes of Redis memory per waiting job (job, input order, digest). */
  readonly bytesPerQueuedJob: number;
  /** Bytes that stay per prompt once its job is removed: input order and digest. */
  readonly bytesPerPromptRecord: number;
  /** Bytes per result line (the answers here are {@link BatchScalingResult.tokens} tokens). */
  readonly bytesPerResult: number;
  readonly resultLineBytes: number;
}

const TTFT_MS = 300;
const TOKEN_INTERVAL_MS = 20;
const TOKENS = 50;
const CLOCK_TICKS_PER_SECOND = 100;
const batchMain = resolve(repoRoot, 'packages/batch/src/cli/main.ts');

childMain(async (input: BatchScalingInput): Promise<BatchScalingResult> => {
  const redis = await startRedisServer();
  const emulator = await startEmulatorProcess({ ttftMs: TTFT_MS, tokenIntervalMs: TOKEN_INTERVAL_MS, tokens: TOKENS });
  const folder = resolve(repoRoot, 'node_modules/.cache/bench-batch');
  const flags = writeConfig(emulator, folder);
  const prompts: BatchPrompt[] = Array.from({ length: input.prompts }, (_, i) => ({ id: `b-${i + 1}`, prompt: `Batch question ${i + 1}: tell me something.`, line: i + 1 }));
  try {
    const runs: WorkerRun[] = [];
    for (const workers of input.workerCounts) runs.push(await distributedRun(redis, flags, prompts, workers, input.concurrency));
    const local = await localRun(emulator, prompts, input.concurrency);
    const memory = await measureMemory(redis, input.memoryPrompts);
    return { prompts: input.prompts, concurrency: input.concurrency, ttftMs: TTFT_MS, tokensPerSecond: 1000 / TOKEN_INTERVAL_MS, tokens: TOKENS, runs, local, memoryPrompts: input.memoryPrompts, ...memory };
  } finally {
    await emulator.close();
    await redis.stop();
  }
});

async function distributedRun(server: RedisServer, flags: readonly string[], prompts: readonly BatchPrompt[], workers: number, concurrency: number): Promise<WorkerRun> {
  const queue = `scaling-${workers}`;
  const redis = await connectRedis(server.url);
  // The limit set high: it must not bind.
  const children = Array.from({ length: workers }, () => startWorker(server.url, queue, flags, concurrency));
  await Promise.all(children.map((child) => readyLine(child)));
  const cpuBefore = children.map(processCpuMs);
  await redis.config('RESETSTAT');
  const redisCpuBefore = await redisCpuMs(redis);
  const started = performance.now();
  await enqueuePrompts(redis, queue, prompts);
  let polls = 0;
  for (; (await redis.hlen(batchKeys(queue).results)) < prompts.length; polls += 1) await new Promise((done) => setTimeout(done, 20));
  const seconds = (performance.now() - started) / 1000;
  const cpu = children.reduce((sum, child, i) => sum + processCpuMs(child) - (cpuBefore[i] ?? 0), 0);
  // Without this measurement's own polling (one HLEN each, plus the last one and the INFO).
  const commands = (await redisCommandCount(redis)) - polls - 2;
  const redisCpu = (await redisCpuMs(redis)) - redisCpuBefore;
  for (const child of children) child.kill('SIGTERM');
  await Promise.all(children.map((child) => (child.exitCode === null ? once(child, 'exit') : Promise.resolve([]))));
  redis.disconnect();
  return {
    workers,
    seconds,
    promptsPerSecond: prompts.length / seconds,
    workerCpuMsPerPrompt: cpu / prompts.length,
    redisCommandsPerPrompt: commands / prompts.length,
    redisCpuMsPerPrompt: redisCpu / prompts.length,
  };
}

async function localRun(emulator: EmulatorProcess, prompts: readonly BatchPrompt[], concurrency: number) {
  const { tenancy, user, fingerprint, privateKeyPem, compartmentId } = emulator.credentials;
  const client = createClient({ endpoint: emulator.url, compartmentId, auth: { type: 'api-key', tenancy, user, fingerprint, privateKey: privateKeyPem } });
  const stats = new BatchStats(prompts.length, concurrency);
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const settings = { client, model: 'meta.llama-3.3-70b-instruct', concurrency, adaptive: false, retries: 3, firstTokenTimeoutMs: 60_000, idleTimeoutMs: 30_000 };
  const lines = await lastValueFrom(runBatch(prompts, settings, stats).pipe(toArray()));
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  await client.close();
  if (lines.length !== prompts.length || lines.some((line) => 'error' in line)) throw new Error(`local mode answered ${lines.length} of ${prompts.length} prompts, or some failed`);
  return { seconds, promptsPerSecond: prompts.length / seconds, cpuMsPerPrompt: (cpu.user + cpu.system) / 1000 / prompts.length };
}

async function measureMemory(server: RedisServer, count: number) {
  const redis = await connectRedis(server.url);
  try {
    await redis.flushall();
    const used = async (): Promise<number> => Number(/used_memory:(\d+)/.exec(await redis.info('memory'))?.[1]);
    const prompts: BatchPrompt[] = Array.from({ length: count }, (_, i) => ({ id: `m-${i + 1}`, prompt: `Memory question ${i + 1}: tell me something about the sea.`, line: i + 1 }));
    const empty = await used();
    await enqueuePrompts(redis, 'memory', prompts);
    const queued = await used();
    // What completion leaves: the jobs removed, the order and digests kept.
    const bull = new Queue('memory', { connection: redis });
    await bull.drain();
    await bull.close();
    const drained = await used();
    const text = 'The sea covers about seven tenths of the planet. '.repeat(6).slice(0, 250);
    const line = { id: 'm-0', text, finishReason: 'stop' as const, usage: { promptTokens: 12, completionTokens: TOKENS, totalTokens: 12 + TOKENS }, opcRequestId: 'A1B2C3D4E5F6A1B2C3D4E5F6A1B2C3D4' };
    for (const prompt of prompts) await recordResult(redis, batchKeys('memory'), { ...line, id: prompt.id });
    const withResults = await used();
    return {
      bytesPerQueuedJob: (queued - empty) / count,
      bytesPerPromptRecord: (drained - empty) / count,
      bytesPerResult: (withResults - drained) / count,
      resultLineBytes: JSON.stringify(line).length,
    };
  } finally {
    redis.disconnect();
  }
}

function startWorker(url: string, queue: string, flags: readonly string[], concurrency: number): ChildProcess {
  return spawn(
    process.execPath,
    ['--import', 'tsx', '--conditions=@oci-genai-rx/source', batchMain, 'work', '--redis', url, '--queue', queue, '--keep-running', '--concurrency', String(concurrency), '--rpm', '6000000', ...flags],
    { cwd: repoRoot, stdio: ['ignore', 'ignore', 'pipe'] },
  );
}

function readyLine(child: ChildProcess): Promise<void> {
  return new Promise((done, fail) => {
    let text = '';
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      text += chunk;
      if (text.includes('worker on queue')) done();
    });
    child.once('exit', (code) => fail(new Error(`a worker exited (${String(code)}) before it was ready: ${text}`)));
  });
}

/** A child's CPU so far (user + system), from /proc: the workers are not ours to ask. */
function processCpuMs(child: ChildProcess): number {
  const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
}

async function redisCpuMs(redis: Awaited<ReturnType<typeof connectRedis>>): Promise<number> {
  const info = await redis.info('cpu');
  return (Number(/used_cpu_user:([\d.]+)/.exec(info)?.[1]) + Number(/used_cpu_sys:([\d.]+)/.exec(info)?.[1])) * 1000;
}

async function redisCommandCount(redis: Awaited<ReturnType<typeof connectRedis>>): Promise<number> {
  const info = await redis.info('commandstats');
  return [...info.matchAll(/calls=(\d+)/g)].reduce((sum, match) => sum + Number(match[1]), 0);
}

/** An ~/.oci/config profile for the emulator's key, and the flags that use it. */
function writeConfig(emulator: EmulatorProcess, folder: string): string[] {
  const { tenancy, user, fingerprint, privateKeyPem, region, compartmentId } = emulator.credentials;
  mkdirSync(folder, { recursive: true });
  const keyFile = join(folder, 'key.pem');
  const config = join(folder, 'config');
  writeFileSync(keyFile, privateKeyPem, { mode: 0o600 });
  writeFileSync(config, `[BENCH]\nuser=${user}\nfingerprint=${fingerprint}\ntenancy=${tenancy}\nregion=${region}\nkey_file=${keyFile}\n`, { mode: 0o600 });
  return ['--endpoint', emulator.url, '--config', config, '--profile', 'BENCH', '--compartment', compartmentId];
}
