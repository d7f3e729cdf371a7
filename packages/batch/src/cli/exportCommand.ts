import { connectRedis } from '../distributed/connectRedis.js';
import { exportResults } from '../distributed/exportResults.js';
import { readQueueStatus } from '../distributed/readQueueStatus.js';
import { parseSubcommand, queueFlagsHelp } from './distributedFlags.js';
import { exitCodes } from './exitCodes.js';
import { UsageError } from './UsageError.js';

const usage = 'oci-genai-batch export results.jsonl --queue NAME [--redis URL]';

/** The `--help` text of `export`. */
export const exportHelp = `Writes the results of a distributed batch to a JSONL file (replacing it): one line per prompt
id, in input order, in local mode's format.

Usage: ${usage}

${queueFlagsHelp}

Exit status: 0 when every prompt has an answer, 1 when some have an error line (enqueue again
with --retry-failed), 4 when Redis cannot be reached, 5 when some prompts have no result yet
(their lines are missing: export again when the workers are done).`;

/**
 * `oci-genai-batch export`: the results file of a distributed batch.
 *
 * @example
 * await exportCommand(['results.jsonl', '--queue', 'nightly']); // prints: exported 1000 results (2 errors) of queue "nightly" to results.jsonl
 */
export async function exportCommand(argv: readonly string[]): Promise<number> {
  const parsed = parseSubcommand('export', argv, {}, 1, usage);
  if (parsed.help) {
    process.stdout.write(`${exportHelp}\n`);
    return exitCodes.ok;
  }
  const [path = ''] = parsed.positionals;
  const { queue } = parsed.queue;
  const redis = await connectRedis(parsed.queue.redis);
  try {
    const status = await readQueueStatus(redis, queue);
    if (status.total === 0) throw new UsageError(`queue "${queue}" is empty or unknown: nothing was ever enqueued under that name. Check --queue and --redis.`);
    const report = await exportResults(redis, queue, path);
    process.stdout.write(`exported ${report.written} results (${report.failed} errors) of queue "${queue}" to ${path}; paid requests lost to crashes: ${status.requestsLostToCrashes}\n`);
    if (report.missing > 0) {
      process.stderr.write(`${report.missing} prompt(s) have no result yet (still queued or running): export again when the workers are done.\n`);
      return exitCodes.notFinished;
    }
    return report.failed > 0 ? exitCodes.somePromptsFailed : exitCodes.ok;
  } finally {
    redis.disconnect();
  }
}
