import type { ChatEvent, FinishEvent, Usage } from '@oci-genai-rx/core';
import type { Paint } from './terminalStyle.js';

/** What one answer's stream measured. Times are milliseconds. */
export interface StreamSummary {
  /** From sending the request to the first text or reasoning delta; undefined when none came. */
  readonly firstTokenMs: number | undefined;
  /** The server's completion token count when it sent usage, else the deltas received. */
  readonly tokens: number;
  /** Where `tokens` comes from. */
  readonly tokensFrom: 'usage' | 'deltas';
  /** Tokens per second after the first one (the generation speed a reader sees); undefined when not measurable. */
  readonly tokensPerSecond: number | undefined;
  readonly finish: FinishEvent | undefined;
  readonly usage: Usage | undefined;
  readonly opcRequestId: string | undefined;
}

/**
 * Measures a stream of events as it passes: call `observe` for each event (in a `tap`).
 * The clock starts at construction, so create it when subscribing.
 *
 * @example
 * ```ts
 * const stats = new StreamStats();
 * events.pipe(tap((e) => stats.observe(e))).subscribe({ complete: () => console.error(formatStats(stats.summary(), paint)) });
 * ```
 */
export class StreamStats {
  private readonly startedAt: number;
  private firstTokenAt: number | undefined;
  private lastTokenAt: number | undefined;
  private deltas = 0;
  private finish: FinishEvent | undefined;
  private usage: Usage | undefined;
  private opcRequestId: string | undefined;

  constructor(private readonly now: () => number = () => performance.now()) {
    this.startedAt = now();
  }

  observe(event: ChatEvent): void {
    switch (event.type) {
      case 'start':
        // A retried request has its own id: the last one is the one that answered.
        this.opcRequestId = event.opcRequestId;
        break;
      case 'text':
      case 'reasoning':
        this.lastTokenAt = this.now();
        this.firstTokenAt ??= this.lastTokenAt;
        this.deltas += 1;
        break;
      case 'finish':
        this.finish = event;
        break;
      case 'usage':
        this.usage = event.usage;
        break;
      case 'tool-call':
        break;
    }
  }

  /** Deltas received so far. */
  get tokensReceived(): number {
    return this.deltas;
  }

  get requestId(): string | undefined {
    return this.opcRequestId;
  }

  summary(): StreamSummary {
    const fromUsage = this.usage?.completionTokens;
    const tokens = fromUsage ?? this.deltas;
    const first = this.firstTokenAt;
    const span = first === undefined || this.lastTokenAt === undefined ? 0 : this.lastTokenAt - first;
    // The first token's own time is the wait (time to first token); the rate counts the ones after it.
    const tokensPerSecond = span > 0 && tokens > 1 ? ((tokens - 1) * 1000) / span : undefined;
    return {
      firstTokenMs: first === undefined ? undefined : first - this.startedAt,
      tokens,
      tokensFrom: fromUsage === undefined ? 'deltas' : 'usage',
      tokensPerSecond,
      finish: this.finish,
      usage: this.usage,
      opcRequestId: this.opcRequestId,
    };
  }
}

/**
 * The one stats line printed on stderr at the end.
 *
 * @example
 * ```ts
 * formatStats(summary, paint)
 * // 'first token 212 ms · 15 tokens · 33.1 tokens/s · finish stop · opc-request-id 5F1E…'
 * ```
 */
export function formatStats(summary: StreamSummary, paint: Paint): string {
  const parts = [
    summary.firstTokenMs === undefined ? 'no token' : `first token ${Math.round(summary.firstTokenMs)} ms`,
    `${summary.tokens} ${summary.tokens === 1 ? 'token' : 'tokens'}`,
    summary.tokensPerSecond === undefined ? undefined : `${summary.tokensPerSecond.toFixed(1)} tokens/s`,
    `finish ${describeFinish(summary.finish)}`,
    `opc-request-id ${summary.opcRequestId ?? 'none'}`,
  ];
  return paint('dim', parts.filter((part) => part !== undefined).join(' · '));
}

function describeFinish(finish: FinishEvent | undefined): string {
  if (finish === undefined) return 'none';
  return finish.rawReason === '' || finish.rawReason === finish.reason ? finish.reason : `${finish.reason} (${finish.rawReason})`;
}
