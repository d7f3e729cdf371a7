/**
 * The Redis keys of one batch queue besides BullMQ's own (`bull:<queue>:*`). Results and the
 * input order live here, outside the jobs, so that jobs can be removed on completion and a
 * redelivered job can never write a second result.
 *
 * @example
 * batchKeys('nightly').results; // 'oci-genai-batch:{nightly}:results'
 */
export interface BatchKeys {
  /** Hash: prompt id → the result line (JSON), written once with HSETNX. */
  readonly results: string;
  /** Sorted set: prompt id, scored by its place in the input, for export in input order. */
  readonly order: string;
  /** Hash: prompt id → a digest of the prompt's content, to refuse an id reused for another prompt. */
  readonly digests: string;
  /** Hash of counters: ok, failed, tokens, requestsStarted, requestsEnded, startedAt. */
  readonly counters: string;
  /** Hash: the token bucket shared by every worker (balance, last refill time). */
  readonly tokenBucket: string;
}

/** The BullMQ prefix (its default), and the prefix of the batch's own keys. */
export const bullPrefix = 'bull';
const batchPrefix = 'oci-genai-batch';

/**
 * The keys of queue `queue`.
 *
 * @example
 * batchKeys('nightly').order; // 'oci-genai-batch:{nightly}:order'
 */
export function batchKeys(queue: string): BatchKeys {
  // A hash tag, so that on Redis Cluster every key of one batch sits in one slot.
  const base = `${batchPrefix}:{${queue}}`;
  return {
    results: `${base}:results`,
    order: `${base}:order`,
    digests: `${base}:digests`,
    counters: `${base}:counters`,
    tokenBucket: `${base}:tokens`,
  };
}
