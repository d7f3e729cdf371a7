/**
 * One inference request as the emulator saw it, in `emulator.requestLog` (with the
 * `recordRequests` option): when it arrived, what status it got, and the tokens it would be
 * charged, so that a test can count requests and tokens per window at the server.
 *
 * @example
 * ```ts
 * { receivedAt: 1764590400123, path: '/20231130/actions/chat', status: 200, tokens: 48 }
 * ```
 */
export interface RequestRecord {
  /** When the request arrived (the emulator's clock, epoch ms). */
  readonly receivedAt: number;
  /** The operation's path. */
  readonly path: string;
  /** The response status; 0 while no status was sent (or the connection closed first). */
  readonly status: number;
  /**
   * The tokens OCI would charge: the answer's prompt plus completion tokens (the `usage` event's
   * total) once an answer was planned; 0 for a request refused before that (429, 5xx, 401).
   */
  readonly tokens: number;
}
