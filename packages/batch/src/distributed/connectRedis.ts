import { Redis } from 'ioredis';
import { RedisUnavailableError } from './RedisUnavailableError.js';

/** How long a command waits for the first connection before it gives up, in ms. */
const CONNECT_TIMEOUT_MS = 5_000;

/**
 * Connects to Redis and resolves once it answers. Failing to reach it rejects at once with a
 * {@link RedisUnavailableError} (a refused connection) or after 5 s (no answer), never hangs.
 * Once connected, a lost connection is retried for ever (every command waits for Redis to come
 * back), which is what lets a worker ride out a Redis restart: BullMQ needs
 * `maxRetriesPerRequest: null` for that.
 *
 * @param url A Redis URL, e.g. `redis://127.0.0.1:6379` or `rediss://user:password@host:6380/0`.
 * @returns The connection; `quit()` it when done.
 * @example
 * const redis = await connectRedis('redis://127.0.0.1:6379');
 * await redis.ping(); // 'PONG'
 */
export async function connectRedis(url: string): Promise<Redis> {
  let ready = false;
  let redis: Redis;
  try {
    redis = new Redis(url, {
      lazyConnect: true,
      maxRetriesPerRequest: null,
      connectTimeout: CONNECT_TIMEOUT_MS,
      // Before the first connection, give up (the caller reports it); after, retry with a capped backoff.
      retryStrategy: (times) => (ready ? Math.min(times * 100, 2_000) : null),
    });
  } catch (error) {
    throw new RedisUnavailableError(`cannot use --redis ${redactedUrl(url)}: ${error instanceof Error ? error.message : String(error)}. Give a URL such as redis://127.0.0.1:6379.`, { cause: error });
  }
  // ioredis reports each failed (re)connect as an 'error' event, which would crash Node without a
  // listener. The first one is the reason connect() fails; later ones are retried while the
  // 'reconnecting' event tells the caller.
  let firstError: Error | undefined;
  redis.on('error', (error: Error) => {
    firstError ??= error;
  });
  try {
    await redis.connect();
    ready = true;
    return redis;
  } catch (error) {
    redis.disconnect();
    const reason = firstError ?? error;
    throw new RedisUnavailableError(`cannot reach Redis at ${redactedUrl(url)}: ${reason instanceof Error ? reason.message : String(reason)}. Start redis-server, or give the right --redis URL.`, { cause: error });
  }
}

/**
 * The URL with any password replaced, for messages.
 *
 * @example
 * redactedUrl('redis://app:s3cret@db:6379/0'); // 'redis://app:***@db:6379/0'
 */
export function redactedUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString().replace(/\/$/, '');
  } catch {
    return '(an unparseable URL)';
  }
}
