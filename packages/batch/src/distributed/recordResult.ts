import type { Redis } from 'ioredis';
import type { ResultLine } from '../results/ResultLine.js';
import type { BatchKeys } from './batchKeys.js';

// KEYS: results hash, counters hash. ARGV: id, line, counter to raise, tokens.
// The result and its counts in one atomic step: written once, counted once.
const script = `
if redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2]) == 0 then return 0 end
redis.call('HINCRBY', KEYS[2], ARGV[3], 1)
redis.call('HINCRBY', KEYS[2], 'tokens', tonumber(ARGV[4]))
return 1
`;

/**
 * Writes a prompt's result line under its id unless one is there already (HSETNX), and counts
 * it, atomically. This is what makes "exactly one result per prompt id" hold when a job is
 * delivered twice (its worker was killed after writing, or a stalled job came back).
 *
 * @returns True when this call wrote the result; false when the id had one.
 * @example
 * await recordResult(redis, batchKeys('nightly'), { id: 'q-1', text: 'Hi!' }); // true
 * await recordResult(redis, batchKeys('nightly'), { id: 'q-1', text: 'Hello!' }); // false: the first one stays
 */
export async function recordResult(redis: Redis, keys: BatchKeys, line: ResultLine): Promise<boolean> {
  const counter = 'error' in line ? 'failed' : 'ok';
  const tokens = 'usage' in line ? (line.usage?.completionTokens ?? 0) : 0;
  return Number(await redis.eval(script, 2, keys.results, keys.counters, line.id, JSON.stringify(line), counter, tokens)) === 1;
}
