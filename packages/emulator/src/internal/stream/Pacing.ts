/**
 * How fast and how long an answer streams: not a fault, the emulator's normal behaviour, set by
 * the options, the `x-emulator-ttft-ms` / `-token-interval-ms` / `-tokens` headers, or (an older
 * spelling kept working) the `ttft-ms`, `token-interval-ms` and `tokens` items of a fault spec.
 *
 * @example
 * const pacing: Pacing = { ttftMs: 0, tokenIntervalMs: 5, tokens: 40 };
 */
export interface Pacing {
  /** Milliseconds before the first event (or the JSON answer). */
  readonly ttftMs: number;
  /** Milliseconds between two deltas. */
  readonly tokenIntervalMs: number;
  /** Words in the answer when a length was asked for; undefined: the emulator's own short reply. */
  readonly tokens: number | undefined;
}
