import { OciGenAiError, type OciGenAiErrorOptions } from '@oci-genai-rx/core';

/**
 * Which deadline of {@link streamTimeout} passed:
 * - `first-token`: no token arrived within `firstTokenMs` of subscribing;
 * - `idle`: no token arrived within `idleMs` of the previous token;
 * - `total`: the stream did not complete within `totalMs` of subscribing.
 */
export type StreamTimeoutPhase = 'first-token' | 'idle' | 'total';

/**
 * The options of a {@link StreamTimeoutError}.
 *
 * @example
 * ```ts
 * { phase: 'idle', waitedMs: 5_000, tokensReceived: 3, opcRequestId: '5F1E…' }
 * ```
 */
export interface StreamTimeoutErrorOptions extends OciGenAiErrorOptions {
  /** The deadline that passed. */
  readonly phase: StreamTimeoutPhase;
  /** How long the operator waited, in milliseconds (the configured limit of that phase). */
  readonly waitedMs: number;
  /** How many tokens had arrived before the deadline. */
  readonly tokensReceived: number;
}

/**
 * A deadline of {@link streamTimeout} passed; the source was unsubscribed (which aborts its
 * HTTP request). `message` says what did not happen in time; the class
 * adds the tokens received, the option to raise and the `opc-request-id`.
 *
 * `retryable` is true when no token had arrived (`first-token`, or `total` before any token),
 * so `retryStream()` retries it by default and never duplicates text; an `idle` timeout or a
 * `total` timeout after tokens is not retryable by default.
 *
 * @example
 * ```ts
 * new StreamTimeoutError('No first token after 10000 ms', { phase: 'first-token', waitedMs: 10_000, tokensReceived: 0 }).message
 * // No first token after 10000 ms (0 tokens received). Raise firstTokenMs or check the model's load.
 * ```
 */
export class StreamTimeoutError extends OciGenAiError {
  override readonly name = 'StreamTimeoutError';
  /** Defined here, where it is raised: core's codes do not include it. */
  readonly code = 'TIMEOUT' as const;
  /** The deadline that passed. */
  readonly phase: StreamTimeoutPhase;
  /** How long the operator waited, in milliseconds. */
  readonly waitedMs: number;
  /** How many tokens had arrived before the deadline. */
  readonly tokensReceived: number;

  constructor(message: string, options: StreamTimeoutErrorOptions) {
    const { phase, tokensReceived, opcRequestId } = options;
    const received = `${tokensReceived} ${tokensReceived === 1 ? 'token' : 'tokens'} received`;
    const id = opcRequestId === undefined ? '' : ` (opc-request-id ${opcRequestId})`;
    super(`${message} (${received})${fixes[phase]}${id}`, { ...options, retryable: tokensReceived === 0 && phase !== 'idle' });
    this.phase = phase;
    this.waitedMs = options.waitedMs;
    this.tokensReceived = tokensReceived;
  }
}

const fixes: Readonly<Record<StreamTimeoutPhase, string>> = {
  'first-token': ". Raise firstTokenMs or check the model's load.",
  idle: ': the stream stalled. Raise idleMs if the model pauses this long (long reasoning, tool calls).',
  total: '. Raise totalMs or ask for a shorter answer (maxTokens).',
};
