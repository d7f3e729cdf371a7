import { connectRedis } from '../distributed/connectRedis.js';
import type { QueueStatus } from '../distributed/readQueueStatus.js';
import { readQueueStatus } from '../distributed/readQueueStatus.js';
import { progressLine } from '../progress/lineProgress.js';
import { startProgress } from '../progress/startProgress.js';
import { QueueStats } from '../stats/QueueStats.js';
import { parseSubcommand, queueFlagsHelp } from './distributedFlags.js';
import { exitCodes } from './exitCodes.js';
import { numberFlag } from './numberFlag.js';

const usage = 'oci-genai-batch status --queue NAME [--redis URL] [--watch]';

/** The `--help` text of `status`. */
export const statusHelp = `Shows where a distributed batch stands, across every worker: done, failed, in flight,
tokens/s, ETA, and the paid requests that crashed workers cost.

Usage: ${usage}

${queueFlagsHelp}
  --watch                      a live progress bar (plain lines when stderr is not a terminal) until the batch is done
  --progress-interval <s>      seconds between lines with --watch when stderr is not a terminal (default 5)`;

/** How often `--watch` reads the counters, in ms. */
const POLL_MS = 500;

/**
 * `oci-genai-batch status`: one status line, or with `--watch` a progress bar until every prompt
 * has a result.
 *
 * @example
 * await statusCommand(['--queue', 'nightly']); // prints: queue "nightly": 642/1000 done, 2 failed, 24 in flight, 334 waiting, 0 stuck; 700 requests paid, 0 lost to crashes
 */
export async function statusCommand(argv: readonly string[]): Promise<number> {
  const parsed = parseSubcommand('status', argv, { watch: { type: 'boolean', default: false }, 'progress-interval': { type: 'string' } }, 0, usage);
  if (parsed.help) {
    process.stdout.write(`${statusHelp}\n`);
    return exitCodes.ok;
  }
  const intervalMs = numberFlag('--progress-interval', parsed.string('progress-interval'), 5, { positive: true }) * 1000;
  const { queue } = parsed.queue;
  const redis = await connectRedis(parsed.queue.redis);
  try {
    let status = await readQueueStatus(redis, queue);
    if (parsed.flag('watch')) {
      const stats = new QueueStats();
      stats.update(status);
      const progress = startProgress(stats, intervalMs);
      try {
        while (!isDone(status)) {
          await new Promise((resolve) => setTimeout(resolve, POLL_MS));
          status = await readQueueStatus(redis, queue);
          stats.update(status);
        }
      } finally {
        progress.stop();
      }
      process.stderr.write(`${progressLine(stats)}\n`);
    }
    process.stdout.write(`${statusLine(queue, status)}\n`);
    return exitCodes.ok;
  } finally {
    redis.disconnect();
  }
}

function isDone(status: QueueStatus): boolean {
  return status.ok + status.failed + status.stuck >= status.total && status.inFlight === 0 && status.waiting === 0;
}

/**
 * The status of a queue as one line.
 *
 * @example
 * statusLine('nightly', status); // 'queue "nightly": 642/1000 done, 2 failed, 24 in flight, 334 waiting, 0 stuck; 700 requests paid, 0 lost to crashes'
 */
export function statusLine(queue: string, status: QueueStatus): string {
  return (
    `queue "${queue}": ${status.ok + status.failed}/${status.total} done, ${status.failed} failed, ${status.inFlight} in flight, ` +
    `${status.waiting} waiting, ${status.stuck} stuck; ${status.requestsStarted} requests paid, ${status.requestsLostToCrashes} lost to crashes`
  );
}
