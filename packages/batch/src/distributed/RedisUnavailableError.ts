import { BatchError } from '../BatchError.js';

/**
 * Redis could not be reached (or was lost and did not come back in time). Nothing that Redis had
 * accepted is lost: with AOF on, start the command again once Redis is back. The message names
 * the address (never a password) and the system's reason.
 *
 * @example
 * await connectRedis('redis://127.0.0.1:1'); // throws: cannot reach Redis at redis://127.0.0.1:1: connect ECONNREFUSED 127.0.0.1:1. Start redis-server, or give the right --redis URL.
 */
export class RedisUnavailableError extends BatchError {
  override readonly name = 'RedisUnavailableError';
  readonly code = 'REDIS' as const;

  /** @param message Which Redis, and why it cannot be used. */
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, options);
  }
}
