import { connectRedis, redactedUrl } from '../distributed/connectRedis.js';
import { readQueueStatus } from '../distributed/readQueueStatus.js';
import { startWorker } from '../distributed/startWorker.js';
import { connectionFlagOptions, connectionFlagsHelp } from './connectionFlags.js';
import type { Connect } from './Connection.js';
import { parseSubcommand, queueFlagsHelp } from './distributedFlags.js';
import { exitCodes } from './exitCodes.js';
import { numberFlag } from './numberFlag.js';
import { UsageError } from './UsageError.js';

const usage = 'oci-genai-batch work --queue NAME [--redis URL] [--concurrency N] [connection flags]';

/** The `--help` text of `work`. */
export const workHelp = `Answers the prompts of a queue. Start any number of workers, on any number of machines: they
share the queue, its request and token limits, and its pauses after a 429.

Usage: ${usage}

${queueFlagsHelp}
  --concurrency <n>            prompts this worker streams at once (default 4)
  --rpm <n>                    requests started per minute across all workers, retries included (default: no limit)
  --tpm <n>                    tokens (prompt + answer) per minute across all workers (default: no limit)
  --first-token-timeout <s>    seconds to wait for an attempt's first token (default 60)
  --idle-timeout <s>           seconds allowed between two tokens (default 30)
  --lock-duration <s>          a job's lock, renewed while it streams; a crashed worker's jobs move on after it (default 30)
  --rate-limit-pause <s>       seconds every worker pauses after a 429 without a Retry-After (default 1)
  --keep-running               wait for more jobs once the queue is done (default: exit when every prompt has a result)

${connectionFlagsHelp}

Exit status: 0 when the queue is done, 2 for bad flags or a queue with nothing enqueued, 4 when
Redis cannot be reached, 130 when stopped by Ctrl-C or SIGTERM (running prompts finish first).`;

/** How often an idle worker checks whether the batch is done, in ms. */
const DONE_CHECK_MS = 500;

/**
 * `oci-genai-batch work`: runs a worker until every prompt of the queue has a result (or, with
 * `--keep-running`, until Ctrl-C).
 *
 * @example
 * await workCommand(['--queue', 'nightly', '--concurrency', '8'], connectToService); // 0 once the queue is done
 */
export async function workCommand(argv: readonly string[], connect: Connect): Promise<number> {
  const parsed = parseSubcommand(
    'work',
    argv,
    {
      ...connectionFlagOptions,
      concurrency: { type: 'string' },
      rpm: { type: 'string' },
      tpm: { type: 'string' },
      'first-token-timeout': { type: 'string' },
      'idle-timeout': { type: 'string' },
      'lock-duration': { type: 'string' },
      'rate-limit-pause': { type: 'string' },
      'keep-running': { type: 'boolean', default: false },
    },
    0,
    usage,
  );
  if (parsed.help) {
    process.stdout.write(`${workHelp}\n`);
    return exitCodes.ok;
  }
  const whole = { integer: true, positive: true };
  const concurrency = numberFlag('--concurrency', parsed.string('concurrency'), 4, whole);
  const requestsPerMinute = numberFlag('--rpm', parsed.string('rpm'), undefined, whole);
  const tokensPerMinute = numberFlag('--tpm', parsed.string('tpm'), undefined, whole);
  const firstTokenTimeoutMs = numberFlag('--first-token-timeout', parsed.string('first-token-timeout'), 60, { positive: true }) * 1000;
  const idleTimeoutMs = numberFlag('--idle-timeout', parsed.string('idle-timeout'), 30, { positive: true }) * 1000;
  const lockDurationMs = numberFlag('--lock-duration', parsed.string('lock-duration'), 30, { positive: true }) * 1000;
  const rateLimitPauseMs = numberFlag('--rate-limit-pause', parsed.string('rate-limit-pause'), 1, { positive: true }) * 1000;
  const keepRunning = parsed.flag('keep-running');
  const { queue } = parsed.queue;
  const log = (line: string): void => {
    process.stderr.write(`${line}\n`);
  };

  const redis = await connectRedis(parsed.queue.redis);
  try {
    const before = await readQueueStatus(redis, queue);
    if (before.total === 0 && !keepRunning) {
      throw new UsageError(
        `queue "${queue}" at ${redactedUrl(parsed.queue.redis)} is empty or unknown: nothing was ever enqueued under that name. ` +
          'Check --queue and --redis, or run oci-genai-batch enqueue first (or pass --keep-running to wait for jobs).',
      );
    }
    const connection = await connect({
      endpoint: parsed.string('endpoint'),
      config: parsed.string('config'),
      profile: parsed.string('profile'),
      compartment: parsed.string('compartment'),
      region: parsed.string('region'),
      model: parsed.string('model'),
    });
    try {
      log(`worker on queue "${queue}": ${before.total - before.ok - before.failed} of ${before.total} prompts left; ${connection.model} at ${connection.description}`);
      redis.on('reconnecting', () => log('lost Redis; reconnecting (running streams go on, results wait for Redis)'));
      const worker = startWorker(redis, queue, {
        client: connection.client,
        model: connection.model,
        concurrency,
        requestsPerMinute,
        tokensPerMinute,
        firstTokenTimeoutMs,
        idleTimeoutMs,
        lockDurationMs,
        rateLimitPauseMs,
        onEvent: (event) => {
          if (event.type === 'rate-limited') log(`429 on ${event.id}: every worker pauses ${event.pauseMs} ms`);
        },
      });
      worker.worker.on('error', (error) => log(`worker: ${error.message}`));
      const stop = await untilDoneOrSignal(redis, queue, keepRunning);
      await worker.close();
      const after = await readQueueStatus(redis, queue);
      log(`worker stopped (${stop}): ${after.ok} ok, ${after.failed} failed of ${after.total}; paid requests lost to crashes so far: ${after.requestsLostToCrashes}`);
      return stop === 'signal' ? exitCodes.interrupted : exitCodes.ok;
    } finally {
      await connection.close();
    }
  } finally {
    redis.disconnect();
  }
}

/** Resolves when every prompt has a result (unless `keepRunning`) or on SIGINT/SIGTERM. */
function untilDoneOrSignal(redis: Awaited<ReturnType<typeof connectRedis>>, queue: string, keepRunning: boolean): Promise<'done' | 'signal'> {
  return new Promise((resolve, reject) => {
    const signals = ['SIGINT', 'SIGTERM'] as const;
    const end = (how: 'done' | 'signal' | Error): void => {
      clearInterval(timer);
      for (const signal of signals) process.off(signal, onSignal);
      if (how instanceof Error) reject(how);
      else resolve(how);
    };
    const onSignal = (): void => end('signal');
    for (const signal of signals) process.once(signal, onSignal);
    let checking = false;
    const timer = setInterval(() => {
      if (keepRunning || checking) return;
      checking = true;
      readQueueStatus(redis, queue).then(
        (status) => {
          checking = false;
          if (status.ok + status.failed + status.stuck >= status.total && status.inFlight === 0 && status.waiting === 0) end('done');
        },
        (error: unknown) => end(error instanceof Error ? error : new Error(String(error))),
      );
    }, DONE_CHECK_MS);
  });
}
