import { OciGenAiError } from '@oci-genai-rx/core';

/**
 * Which deadline of {@link streamTimeout} passed:
 * - `first-token`: no token arrived within `firstTokenMs` of subscribing;
 * - `idle`: no token arrived within `idleMs` of the previous token;
 * - `total`: the stream did not complete within `totalMs` of subscribing.
 */
export type StreamTimeoutPhase = 'first-token' | 'idle' | 'total';

/** What a {@link StreamTimeoutError} is built from. */
export interface StreamTimeoutDetails {
  /** The deadline that passed. */
  readonly phase: StreamTimeoutPhase;
  /** How long the operator waited, in milliseconds (the configured limit of that phase). */
  readonly waitedMs: number;
  /** How many tokens had arrived before the deadline. */
  readonly tokensReceived: number;
  /** The `opc-request-id` of the stream, when its `start` event had arrived. */
  readonly opcRequestId?: string | undefined;
}

/**
 * A deadline of {@link streamTimeout} passed; the source was unsubscribed (which aborts its
 * HTTP request). The message says what to raise or check.
 *
 * `retryable` is true when no token had arrived (`first-token`, or `total` before any token),
 * so `retryStream()` retries it by default and never duplicates text; an `idle` timeout or a
 * `total` timeout after tokens is not retryable by default.
 *
 * @example
 * ```ts
 * new StreamTimeoutError({ phase: 'first-token', waitedMs: 10_000, tokensReceived: 0 }).message
 * // No first token after 10000 ms (0 tokens received). Raise firstTokenMs or check the model's load.
 * ```
 */
export class StreamTimeoutError extends OciGenAiError {
  override readonly name = 'StreamTimeoutError';
  readonly code = 'TIMEOUT' as const;
  /** The deadline that passed. */
  readonly phase: StreamTimeoutPhase;
  /** How long the operator waited, in milliseconds. */
  readonly waitedMs: number;
  /** How many tokens had arrived before the deadline. */
  readonly tokensReceived: number;

  constructor(details: StreamTimeoutDetails) {
    const { phase, waitedMs, tokensReceived, opcRequestId } = details;
    const id = opcRequestId === undefined ? '' : ` (opc-request-id ${opcRequestId})`;
    super(`${describe(phase, waitedMs, tokensReceived)}${id}`, {
      retryable: tokensReceived === 0 && phase !== 'idle',
      opcRequestId,
    });
    this.phase = phase;
    this.waitedMs = waitedMs;
    this.tokensReceived = tokensReceived;
  }
}

function describe(phase: StreamTimeoutPhase, waitedMs: number, tokens: number): string {
  const received = `${tokens} ${tokens === 1 ? 'token' : 'tokens'} received`;
  switch (phase) {
    case 'first-token':
      return `No first token after ${waitedMs} ms (${received}). Raise firstTokenMs or check the model's load.`;
    case 'idle':
      return `No token for ${waitedMs} ms after the last one (${received}): the stream stalled. Raise idleMs if the model pauses this long (long reasoning, tool calls).`;
    case 'total':
      return `The stream did not complete within ${waitedMs} ms (${received}). Raise totalMs or ask for a shorter answer (maxTokens).`;
  }
}
