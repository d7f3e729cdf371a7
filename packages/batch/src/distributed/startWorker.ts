import type { OciGenAiClient } from '@oci-genai-rx/core';
import { collectAnswer, OciHttpError, RateLimitError } from '@oci-genai-rx/core';
import { streamTimeout } from '@oci-genai-rx/operators';
import { hostname } from 'node:os';
import type { Job } from 'bullmq';
import { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { lastValueFrom } from 'rxjs';
import { chatRequest } from '../prompts/askPrompt.js';
import type { ResultLine } from '../results/ResultLine.js';
import { resultError } from '../results/ResultLine.js';
import { batchKeys } from './batchKeys.js';
import type { PromptJobData } from './promptJob.js';
import { recordResult } from './recordResult.js';
import type { TokenBudget } from './tokenBucket.js';
import { tokenBucket } from './tokenBucket.js';

/** How a worker answers the prompts of a queue. */
export interface WorkerSettings {
  /** Asks the prompts. */
  readonly client: OciGenAiClient;
  /** The model of prompts that name none. */
  readonly model: string;
  /** Prompts this process streams at once. Default 4. */
  readonly concurrency?: number;
  /**
   * Requests started per minute across every worker of the queue, retries included (each
   * attempt is one job run, counted by BullMQ's limiter). Spread evenly: one request per
   * `60000 / requestsPerMinute` ms. Every worker of a queue must be given the same value.
   * Default: no limit.
   */
  readonly requestsPerMinute?: number | undefined;
  /** Tokens (prompt plus answer) per minute across every worker: a token bucket in Redis. Default: no limit. */
  readonly tokensPerMinute?: number | undefined;
  /** Milliseconds to wait for an attempt's first token. Default 60000. */
  readonly firstTokenTimeoutMs?: number;
  /** Milliseconds allowed between two tokens. Default 30000. */
  readonly idleTimeoutMs?: number;
  /**
   * How long a job's lock lasts, in ms; BullMQ renews it every half of that while the stream
   * runs, so a slow stream is never taken as stalled, and a crashed worker's jobs go to another
   * worker about this long after the crash. Default 30000.
   */
  readonly lockDurationMs?: number;
  /** How long every worker pauses after a 429 without a Retry-After, in ms. Default 1000. */
  readonly rateLimitPauseMs?: number;
  /** Told about each prompt that ends, and each 429. */
  readonly onEvent?: (event: WorkerEvent) => void;
}

/** What a worker tells as it goes. */
export type WorkerEvent =
  | { readonly type: 'result'; readonly id: string; readonly ok: boolean }
  | { readonly type: 'rate-limited'; readonly id: string; readonly pauseMs: number }
  | { readonly type: 'retry'; readonly id: string; readonly attempt: number; readonly reason: string };

/** A running worker. */
export interface BatchWorker {
  /** The BullMQ worker, for its events. */
  readonly worker: Worker<PromptJobData>;
  /** Stops taking jobs, lets the running ones finish, and closes. */
  close(): Promise<void>;
}

/** 429s a prompt may meet (each pauses every worker) before it is recorded as failed. */
const MAX_RATE_LIMITED_STARTS = 50;

/**
 * Starts a BullMQ worker that streams the prompts of queue `queue` through core (with
 * `streamTimeout` per attempt) and writes each result once, keyed by prompt id outside the job
 * (see `recordResult`): a job redelivered after a crash finds its result and does nothing, so
 * every prompt has exactly one result.
 *
 * Each job run is one HTTP attempt, so that BullMQ's limiter counts retries too. A 429 pauses the
 * whole queue, every worker, for the Retry-After (or `rateLimitPauseMs`), then the pace recovers
 * by itself; it does not use up an attempt. Other failures (5xx, a dropped or stalled stream) are
 * retried as new attempts with exponential backoff: an answer is never stitched from two
 * attempts. A 4xx other than 429, or the last attempt's failure, becomes an error line.
 *
 * @param connection A Redis connection made with `connectRedis` (BullMQ duplicates it for blocking reads).
 * @example
 * const { close } = startWorker(redis, 'nightly', { client, model: 'meta.llama-3.3-70b-instruct', concurrency: 8, requestsPerMinute: 600 });
 */
export function startWorker(connection: Redis, queue: string, settings: WorkerSettings): BatchWorker {
  const keys = batchKeys(queue);
  const bucket = settings.tokensPerMinute === undefined ? undefined : tokenBucket(connection, keys.tokenBucket, tokenBudget(settings.tokensPerMinute));
  const firstTokenMs = settings.firstTokenTimeoutMs ?? 60_000;
  const idleMs = settings.idleTimeoutMs ?? 30_000;
  const pauseMs = settings.rateLimitPauseMs ?? 1_000;
  const tell = settings.onEvent ?? (() => {});

  const processor = async (job: Job<PromptJobData>): Promise<void> => {
    const id = job.data.id;
    // A redelivered job (its worker crashed after writing) or a re-enqueued one: nothing to do.
    if ((await connection.hexists(keys.results, id)) === 1) return;
    if (bucket !== undefined) {
      const wait = await bucket.waitMs();
      if (wait > 0) {
        await worker.rateLimit(wait);
        throw Worker.RateLimitError();
      }
    }
    await connection.hincrby(keys.counters, 'requestsStarted', 1);
    let outcome: ResultLine;
    try {
      const answer = await lastValueFrom(
        settings.client.chat(chatRequest({ ...job.data, line: 0 }, settings.model)).pipe(streamTimeout({ firstTokenMs, idleMs }), collectAnswer()),
      );
      outcome = {
        id,
        text: answer.text,
        ...(answer.finish !== undefined && { finishReason: answer.finish.reason }),
        ...(answer.usage !== undefined && { usage: answer.usage }),
        ...(answer.opcRequestId !== undefined && { opcRequestId: answer.opcRequestId }),
      };
    } catch (error) {
      await connection.hincrby(keys.counters, 'requestsEnded', 1);
      if (error instanceof RateLimitError && job.attemptsStarted < MAX_RATE_LIMITED_STARTS) {
        const pause = error.retryAfterMs ?? pauseMs;
        tell({ type: 'rate-limited', id, pauseMs: pause });
        await worker.rateLimit(pause);
        throw Worker.RateLimitError();
      }
      const finalAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      if (!finalAttempt && isWorthRetrying(error)) {
        tell({ type: 'retry', id, attempt: job.attemptsMade + 1, reason: error instanceof Error ? error.message : String(error) });
        throw error;
      }
      outcome = { id, error: resultError(error) };
      await recordOutcome(outcome);
      return;
    }
    await connection.hincrby(keys.counters, 'requestsEnded', 1);
    await recordOutcome(outcome);
    if (bucket !== undefined && 'usage' in outcome && outcome.usage !== undefined) await bucket.spend(outcome.usage.totalTokens ?? 0);
  };

  const recordOutcome = async (outcome: ResultLine): Promise<void> => {
    const written = await recordResult(connection, keys, outcome);
    if (written) tell({ type: 'result', id: outcome.id, ok: !('error' in outcome) });
  };

  const worker: Worker<PromptJobData> = new Worker<PromptJobData>(queue, processor, {
    connection,
    // Each job records the worker that ran it (BullMQ's `processedBy`), so a stuck or lost
    // prompt can be traced to a host and a process.
    name: `${hostname()}:${process.pid}`,
    concurrency: settings.concurrency ?? 4,
    lockDuration: settings.lockDurationMs ?? 30_000,
    // Checked as often as the lock lasts, so a crashed worker's jobs move on about one lock later.
    stalledInterval: settings.lockDurationMs ?? 30_000,
    // A job whose worker was killed is taken again; one that kills workers every time is stopped.
    maxStalledCount: 3,
    // Always a limiter: BullMQ honours a pause after a 429 (worker.rateLimit) only on queues with one.
    limiter: settings.requestsPerMinute === undefined ? NO_REQUEST_LIMIT : requestLimiter(settings.requestsPerMinute),
  });
  return { worker, close: () => worker.close() };
}

/** A limiter that never binds (a billion requests a second), so that 429 pauses still apply. */
const NO_REQUEST_LIMIT = { max: 1_000_000_000, duration: 1_000 };

/** 4xx other than 429 (a bad request, no permission) will fail the same way again. */
function isWorthRetrying(error: unknown): boolean {
  return !(error instanceof OciHttpError && error.status >= 400 && error.status < 500 && error.status !== 408);
}

/**
 * BullMQ's limiter for `perMinute` requests, spread evenly: `max` jobs per `duration` ms with
 * `max` as small as the millisecond resolution allows. A window of a whole minute would let
 * every request of the minute start at once.
 */
export function requestLimiter(perMinute: number): { max: number; duration: number } {
  const duration = Math.max(1, Math.floor(60_000 / perMinute));
  return { max: Math.max(1, Math.round((perMinute * duration) / 60_000)), duration };
}

function tokenBudget(perMinute: number): TokenBudget {
  return { tokensPerInterval: perMinute, intervalMs: 60_000 };
}
