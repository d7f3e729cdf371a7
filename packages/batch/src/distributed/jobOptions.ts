import type { JobsOptions } from 'bullmq';

/**
 * The options of every prompt's job: removed once it completes (its result lives outside the
 * job), kept when it fails for good (only a job that stalled too often does: see the worker), and
 * tried `attempts` times with exponential backoff from 1 s for failures a new attempt may fix.
 *
 * @example
 * jobOptions(4).attempts; // 4
 */
export function jobOptions(attempts: number): JobsOptions {
  return { attempts, backoff: { type: 'exponential', delay: 1_000 }, removeOnComplete: true, removeOnFail: false };
}
