import type { Redis } from 'ioredis';

/**
 * A token budget shared by every worker: `tokensPerInterval` tokens refill evenly over
 * `intervalMs`, up to that many. A prompt may start while the balance is above zero and pays
 * its actual tokens (prompt plus answer, from the answer's usage) when it ends, so the balance
 * can go below zero and running prompts can overshoot the budget by what they use, as in local
 * mode. Both steps are one atomic Lua script on Redis, timed by Redis's clock, so workers on
 * several machines with drifting clocks share one bucket.
 *
 * Hand-written because BullMQ's limiter counts jobs, not tokens, and no maintained library
 * keeps a Redis-side bucket that can be charged after the fact.
 *
 * @example
 * const bucket = tokenBucket(redis, 'oci-genai-batch:{nightly}:tokens', { tokensPerInterval: 100_000, intervalMs: 60_000 });
 * await bucket.waitMs(); // 0: a prompt may start
 * await bucket.spend(1_250);
 */
export interface TokenBucket {
  /** 0 when a prompt may start now, else how many ms until the balance is above zero again. */
  waitMs(): Promise<number>;
  /** Charges `tokens` (an ended prompt's usage). */
  spend(tokens: number): Promise<void>;
}

/** The budget of a {@link TokenBucket}. */
export interface TokenBudget {
  /** Tokens allowed per interval; the bucket holds at most this many. */
  readonly tokensPerInterval: number;
  /** The interval, in ms. */
  readonly intervalMs: number;
}

// KEYS[1]: the bucket hash. ARGV: capacity, refill per ms, tokens to spend (0: only look).
// Returns the ms to wait before the balance is above zero (0: it is).
const script = `
local capacity = tonumber(ARGV[1])
local perMs = tonumber(ARGV[2])
local spend = tonumber(ARGV[3])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local state = redis.call('HMGET', KEYS[1], 'balance', 'at')
local balance = tonumber(state[1]) or capacity
local at = tonumber(state[2]) or now
balance = math.min(capacity, balance + (now - at) * perMs) - spend
redis.call('HSET', KEYS[1], 'balance', tostring(balance), 'at', tostring(now))
if balance > 0 then return 0 end
return math.ceil((1 - balance) / perMs)
`;

/**
 * The shared token bucket at `key`.
 *
 * @param redis A connection (commands wait while it reconnects).
 * @param key The bucket's hash (see `batchKeys(queue).tokenBucket`).
 */
export function tokenBucket(redis: Redis, key: string, budget: TokenBudget): TokenBucket {
  const perMs = budget.tokensPerInterval / budget.intervalMs;
  const run = async (spend: number): Promise<number> => Number(await redis.eval(script, 1, key, budget.tokensPerInterval, perMs, spend));
  return {
    waitMs: () => run(0),
    spend: async (tokens) => {
      await run(tokens);
    },
  };
}
