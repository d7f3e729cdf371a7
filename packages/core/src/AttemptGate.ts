import type { Observable } from 'rxjs';

/**
 * Decides when each HTTP attempt may start and counts what it used: a rate limiter shared by
 * the client, `retryStream` and `mergePrompts` (`createRateLimiter` of @oci-genai-rx/operators
 * makes one). The client gates every request it sends through `gate`, retries included.
 *
 * @example
 * ```ts
 * const limiter = createRateLimiter({ requestsPerInterval: 60, tokensPerInterval: 100_000, intervalMs: 60_000 });
 * const client = createClient({ compartmentId, rateLimiter: limiter });
 * ```
 */
export interface AttemptGate {
  /**
   * `attempt`, gated: each subscription waits until the budgets allow one more request, counts
   * it, subscribes to `attempt`, and counts the tokens its `usage` event reports (or, when it
   * ends without one after answering, `estimateTokens` of the text it streamed).
   */
  gate<T>(attempt: Observable<T>, options?: { readonly estimateTokens?: (answerText: string) => number }): Observable<T>;
}
