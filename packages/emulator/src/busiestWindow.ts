import type { RequestRecord } from './RequestRecord.js';

/**
 * The most requests, and the most tokens, that arrived within any window of `windowMs` in a
 * request log (`emulator.requestLog`, with `recordRequests`): what a rate limit at the service
 * would have seen. Windows start at each request's arrival (the busiest window always starts at
 * one), and a window holds the requests of `[start, start + windowMs)`.
 *
 * @param log The records, in arrival order.
 * @param windowMs The window, in ms.
 * @returns The largest request count and the largest token sum over all such windows (each may come from a different window).
 * @example
 * ```ts
 * busiestWindow(emulator.requestLog, 60_000) // { requests: 60, tokens: 98_000 }
 * ```
 */
export function busiestWindow(log: readonly RequestRecord[], windowMs: number): { requests: number; tokens: number } {
  let requests = 0;
  let tokens = 0;
  let end = 0;
  let tokensInWindow = 0;
  for (let start = 0; start < log.length; start += 1) {
    const from = log[start]!.receivedAt;
    while (end < log.length && log[end]!.receivedAt < from + windowMs) tokensInWindow += log[end++]!.tokens;
    requests = Math.max(requests, end - start);
    tokens = Math.max(tokens, tokensInWindow);
    tokensInWindow -= log[start]!.tokens;
  }
  return { requests, tokens };
}
