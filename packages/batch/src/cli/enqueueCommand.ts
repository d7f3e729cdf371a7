import { connectRedis, redactedUrl } from '../distributed/connectRedis.js';
import { enqueuePrompts } from '../distributed/enqueuePrompts.js';
import { readPrompts } from '../prompts/readPrompts.js';
import { parseSubcommand, queueFlagsHelp } from './distributedFlags.js';
import { exitCodes } from './exitCodes.js';
import { numberFlag } from './numberFlag.js';

const usage = 'oci-genai-batch enqueue prompts.jsonl --queue NAME [--redis URL]';

/** The `--help` text of `enqueue`. */
export const enqueueHelp = `Puts one job per prompt on a queue, the prompt's id as the job id. Every line is checked first:
a malformed line or an id the queue holds with other content enqueues nothing. Enqueueing the
same file again adds nothing.

Usage: ${usage}

${queueFlagsHelp}
  --retry-failed               also enqueue again the prompts whose result is an error line
  --attempts <n>               attempts per prompt on 5xx, dropped and stalled streams (default 4)`;

/**
 * `oci-genai-batch enqueue`: checks the prompt file, then enqueues it.
 *
 * @returns The exit status: 0, or 2 for a bad file or a conflicting id, 4 when Redis cannot be reached.
 * @example
 * await enqueueCommand(['prompts.jsonl', '--queue', 'nightly']); // prints: enqueued 1000 of 1000 prompts on queue "nightly" …
 */
export async function enqueueCommand(argv: readonly string[]): Promise<number> {
  const parsed = parseSubcommand('enqueue', argv, { 'retry-failed': { type: 'boolean', default: false }, attempts: { type: 'string' } }, 1, usage);
  if (parsed.help) {
    process.stdout.write(`${enqueueHelp}\n`);
    return exitCodes.ok;
  }
  const attempts = numberFlag('--attempts', parsed.string('attempts'), 4, { integer: true, positive: true });
  const [file = ''] = parsed.positionals;
  // Every line is checked before Redis is even reached.
  const prompts = await readPrompts(file);
  const redis = await connectRedis(parsed.queue.redis);
  try {
    const report = await enqueuePrompts(redis, parsed.queue.queue, prompts, { retryFailed: parsed.flag('retry-failed'), attempts });
    process.stdout.write(
      `enqueued ${report.enqueued} of ${report.total} prompts on queue "${parsed.queue.queue}" at ${redactedUrl(parsed.queue.redis)} ` +
        `(${report.done} already have a result, ${report.queued} already queued)\n`,
    );
    return exitCodes.ok;
  } finally {
    await redis.quit();
  }
}
