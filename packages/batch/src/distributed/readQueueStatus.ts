import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { batchKeys } from './batchKeys.js';

/** Where a distributed batch stands, across every worker. */
export interface QueueStatus {
  /** Prompts ever enqueued on the queue. */
  readonly total: number;
  /** Prompts answered. */
  readonly ok: number;
  /** Prompts recorded as error lines. */
  readonly failed: number;
  /** Jobs being streamed now. */
  readonly inFlight: number;
  /** Jobs waiting, delayed (a retry's backoff) or paused by a 429. */
  readonly waiting: number;
  /** Jobs that failed for good without a result (they stalled too often): enqueue again to retry them. */
  readonly stuck: number;
  /** Answer tokens received, over all workers. */
  readonly tokens: number;
  /** HTTP requests started, over all workers (each one is paid). */
  readonly requestsStarted: number;
  /**
   * Requests whose outcome never came back: their worker was killed mid-stream, so the prompt
   * was asked again. Exact once nothing is in flight; while prompts stream it counts them too.
   */
  readonly requestsLostToCrashes: number;
}

/**
 * Reads the counters of queue `queue` (a few round trips, whatever the batch's size).
 *
 * @example
 * await readQueueStatus(redis, 'nightly'); // { total: 1000, ok: 640, failed: 2, inFlight: 24, waiting: 334, stuck: 0, tokens: 51200, requestsStarted: 700, requestsLostToCrashes: 0 }
 */
export async function readQueueStatus(redis: Redis, queue: string): Promise<QueueStatus> {
  const keys = batchKeys(queue);
  const bull = new Queue(queue, { connection: redis });
  try {
    const [total, counters, jobs] = await Promise.all([
      redis.zcard(keys.order),
      redis.hgetall(keys.counters),
      bull.getJobCounts('active', 'waiting', 'delayed', 'prioritized', 'paused', 'failed'),
    ]);
    const count = (name: string): number => Number(counters[name] ?? 0);
    const inFlight = jobs['active'] ?? 0;
    const requestsStarted = count('requestsStarted');
    return {
      total,
      ok: count('ok'),
      failed: count('failed'),
      inFlight,
      waiting: (jobs['waiting'] ?? 0) + (jobs['delayed'] ?? 0) + (jobs['prioritized'] ?? 0) + (jobs['paused'] ?? 0),
      stuck: jobs['failed'] ?? 0,
      tokens: count('tokens'),
      requestsStarted,
      requestsLostToCrashes: Math.max(0, requestsStarted - count('requestsEnded') - inFlight),
    };
  } finally {
    await bull.close();
  }
}
