import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { BatchPrompt } from '../prompts/BatchPrompt.js';
import { isErrorLine } from '../results/ResultLine.js';
import type { ResultLine } from '../results/ResultLine.js';
import { batchKeys } from './batchKeys.js';
import { jobOptions } from './jobOptions.js';
import { promptDigest, promptJobData, promptJobName } from './promptJob.js';
import { QueueConflictError } from './QueueConflictError.js';

/** What {@link enqueuePrompts} did. */
export interface EnqueueReport {
  /** Prompts of the file. */
  readonly total: number;
  /** Prompts given a job now (new ones, and with `retryFailed` the failed ones). */
  readonly enqueued: number;
  /** Prompts that already had a result. */
  readonly done: number;
  /** Prompts already waiting or running in the queue. */
  readonly queued: number;
}

/** How {@link enqueuePrompts} runs. */
export interface EnqueueOptions {
  /** Also enqueue again the prompts whose result is an error line (their error line is removed). Default false. */
  readonly retryFailed?: boolean;
  /** Attempts per prompt (the first one included). Default 4. */
  readonly attempts?: number;
}

/** Prompts per round trip: big enough to enqueue a million quickly, small enough not to block Redis. */
const CHUNK = 500;

/**
 * Puts one job per prompt on queue `queue`, the prompt's id as the job id, so that enqueueing the
 * same file again adds nothing: an id that has a result, or a job, is left alone. An id that the
 * queue holds with different content is a {@link QueueConflictError}, found before anything is
 * enqueued. The input order is recorded for export.
 *
 * @param prompts The checked prompt file (see `readPrompts`: a malformed line is refused before this).
 * @example
 * await enqueuePrompts(redis, 'nightly', await readPrompts('prompts.jsonl')); // { total: 1000, enqueued: 1000, done: 0, queued: 0 }
 */
export async function enqueuePrompts(redis: Redis, queue: string, prompts: readonly BatchPrompt[], options: EnqueueOptions = {}): Promise<EnqueueReport> {
  const keys = batchKeys(queue);
  const digests = prompts.map(promptDigest);
  await refuseConflicts(redis, queue, keys.digests, prompts, digests);

  const bull = new Queue(queue, { connection: redis });
  try {
    let enqueued = 0;
    let done = 0;
    let queued = 0;
    const base = await redis.zcard(keys.order);
    for (let start = 0; start < prompts.length; start += CHUNK) {
      const chunk = prompts.slice(start, start + CHUNK);
      const ids = chunk.map((prompt) => prompt.id);
      const results = await redis.hmget(keys.results, ...ids);
      const record = redis.multi();
      chunk.forEach((prompt, i) => {
        record.hsetnx(keys.digests, prompt.id, digests[start + i] ?? '');
        record.zadd(keys.order, 'NX', base + start + i, prompt.id);
      });
      // Recorded before the jobs are added: a crash in between leaves ids without a job, which
      // the next enqueue adds (an id is skipped only when it has a result or a job).
      await record.exec();
      const toAdd: BatchPrompt[] = [];
      const retried: string[] = [];
      chunk.forEach((prompt, i) => {
        const stored = results[i];
        if (stored === null || stored === undefined) toAdd.push(prompt);
        else if (options.retryFailed === true && isErrorLine(JSON.parse(stored) as ResultLine)) {
          retried.push(prompt.id);
          toAdd.push(prompt);
        } else done += 1;
      });
      // The error lines go, and their count with them, so that status still adds up.
      if (retried.length > 0) await redis.multi().hdel(keys.results, ...retried).hincrby(keys.counters, 'failed', -retried.length).exec();
      const states = await Promise.all(toAdd.map((prompt) => bull.getJobState(prompt.id)));
      const fresh = toAdd.filter((_, i) => states[i] === 'unknown' || states[i] === 'failed');
      queued += toAdd.length - fresh.length;
      // A failed job (it stalled too often) keeps its id: remove it so that the prompt gets a new one.
      await Promise.all(toAdd.filter((_, i) => states[i] === 'failed').map((prompt) => bull.remove(prompt.id)));
      await bull.addBulk(fresh.map((prompt) => ({ name: promptJobName, data: promptJobData(prompt), opts: { ...jobOptions(options.attempts ?? 4), jobId: prompt.id } })));
      enqueued += fresh.length;
    }
    return { total: prompts.length, enqueued, done, queued };
  } finally {
    // The connection is the caller's: close only the Queue's own duplicates.
    await bull.close();
  }
}

async function refuseConflicts(redis: Redis, queue: string, digestsKey: string, prompts: readonly BatchPrompt[], digests: readonly string[]): Promise<void> {
  const conflicts: BatchPrompt[] = [];
  for (let start = 0; start < prompts.length; start += CHUNK) {
    const chunk = prompts.slice(start, start + CHUNK);
    const stored = await redis.hmget(digestsKey, ...chunk.map((prompt) => prompt.id));
    chunk.forEach((prompt, i) => {
      const known = stored[i];
      if (known !== null && known !== undefined && known !== digests[start + i]) conflicts.push(prompt);
    });
  }
  if (conflicts.length > 0) throw new QueueConflictError(`${conflicts.length} prompt(s) reuse an id that queue "${queue}" already holds with different content`, { ids: conflicts.map((prompt) => prompt.id), lines: conflicts.map((prompt) => prompt.line) });
}
