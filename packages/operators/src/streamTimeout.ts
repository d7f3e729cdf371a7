import { isChatEvent } from '@oci-genai-rx/core';
import { Observable, asyncScheduler, timer } from 'rxjs';
import type { MonoTypeOperatorFunction, SchedulerAction, SchedulerLike, Subscription } from 'rxjs';
import { MAX_TIMER_MS, checkNumberOption, describeValue } from '@oci-genai-rx/core';
import { StreamTimeoutError } from './StreamTimeoutError.js';
import { checkScheduler } from './internal/checkOperatorOptions.js';
import type { StreamTimeoutPhase } from './StreamTimeoutError.js';
import { isToken } from './internal/tokens.js';

/** The deadlines of {@link streamTimeout}. Each one is off when absent. */
export interface StreamTimeoutConfig {
  /** Milliseconds from subscription to the first token. No default (off). */
  readonly firstTokenMs?: number;
  /**
   * Milliseconds allowed between two tokens, counted from the first token on (the wait for the
   * first token is `firstTokenMs`'s job). Metadata events (`start`, `finish`, `usage`) do not
   * reset it, and it stops at the `finish` event: the answer is over, only usage may follow.
   * A stall is reported at least `idleMs` after the last token and at most `idleMs / 8` later
   * on the scheduler's clock (the token count is checked every `idleMs / 8`, so that no token
   * pays for a clock reading). On real timers each check can also run late, as any timer does
   * on a busy event loop, and Node runs a delay under 1 ms as 1 ms: below `idleMs: 8` the report
   * can come up to 8 ms after the last token.
   * No default (off).
   */
  readonly idleMs?: number;
  /** Milliseconds from subscription to completion. No default (off). */
  readonly totalMs?: number;
  /** The scheduler of the deadlines. Default: `asyncScheduler`. */
  readonly scheduler?: SchedulerLike;
}

/**
 * Fails a token stream that is too slow to start, stalls, or runs too long, with a typed
 * {@link StreamTimeoutError} whose `phase` says which deadline passed.
 *
 * Tokens are strings, or `text` / `reasoning` / `tool-call` events; other values pass through
 * without counting as progress. On a deadline the source is unsubscribed (which aborts its
 * HTTP request) and the error is sent. Completion and errors of the source pass through and
 * clear the deadlines; unsubscribing clears them too.
 *
 * A number is `totalMs`, like `AbortSignal.timeout(ms)`: one deadline for the whole stream.
 * (A number cannot mean `idleMs` without surprise: RxJS's `timeout(n)` also bounds the first
 * value, and a first token often takes far longer than the gap between tokens.)
 *
 * Place it before `retryStream()` so that each attempt gets its own deadlines.
 *
 * @param config The deadlines, or a number: `totalMs`.
 * @returns An operator mirroring the source until a deadline passes.
 *
 * @example
 * ```ts
 * import { concat, timer, map, of } from 'rxjs';
 *
 * // 'Hel' at once, 'lo' after 10 ms, then silence.
 * concat(of('Hel'), timer(10).pipe(map(() => 'lo')), timer(1_000))
 *   .pipe(streamTimeout({ firstTokenMs: 100, idleMs: 50 }))
 *   .subscribe({ next: (t) => console.log(t), error: (e) => console.log(e.phase, e.message) });
 * // Hel
 * // lo
 * // idle No token for 50 ms after the last one (2 tokens received): the stream stalled. Raise idleMs …
 * ```
 */
export function streamTimeout<T>(config: number | StreamTimeoutConfig): MonoTypeOperatorFunction<T> {
  const options: StreamTimeoutConfig = typeof config === 'number' ? { totalMs: config } : config;
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(`streamTimeout: config must be milliseconds or { firstTokenMs, idleMs, totalMs }, got ${describeValue(config)}.`);
  }
  const { firstTokenMs, idleMs, totalMs, scheduler = asyncScheduler } = options;
  // A negative or NaN deadline would fire at once as a retryable first-token timeout; a string
  // would switch the deadline off: both are refused here, at the call.
  for (const [name, value] of [['firstTokenMs', firstTokenMs], ['idleMs', idleMs], ['totalMs', totalMs]] as const) {
    checkNumberOption('streamTimeout', typeof config === 'number' ? 'config' : name, value, { above: 0, max: MAX_TIMER_MS });
  }
  checkScheduler('streamTimeout', scheduler);

  return (source) =>
    new Observable<T>((subscriber) => {
      let tokensReceived = 0;
      let opcRequestId: string | undefined;

      const deadline = (phase: StreamTimeoutPhase, ms: number | undefined): Subscription | undefined =>
        ms === undefined
          ? undefined
          : timer(ms, scheduler).subscribe(() =>
              subscriber.error(new StreamTimeoutError(whatTimedOut(phase, ms), { phase, waitedMs: ms, tokensReceived, opcRequestId })),
            );

      const total = deadline('total', totalMs);
      // First the first-token deadline; from the first token on, the idle checks.
      let tokenDeadline = deadline('first-token', firstTokenMs);
      let idleArmed = false;

      /*
       * The idle deadline reads no clock per token (a clock read was about 4% of the usual
       * pipeline's CPU at full speed): tokens are only counted, and a check every idleMs / 8 looks
       * at the count. After {@link IDLE_CHECKS} checks in a row that saw no new token, the last one
       * came at least idleMs ago: the stall is reported then, never early, and at most
       * idleMs / 8 late. RxJS keeps one interval timer for an action that reschedules itself with
       * the same delay, so this is one timer per stream, not one per check.
       */
      const checkEveryMs = (idleMs ?? 0) / IDLE_CHECKS;
      let countAtCheck = 0;
      let quietChecks = 0;
      function checkIdle(this: SchedulerAction<undefined>): void {
        if (tokensReceived !== countAtCheck) {
          countAtCheck = tokensReceived;
          quietChecks = 0;
        } else if (++quietChecks === IDLE_CHECKS) {
          const waitedMs = idleMs ?? 0;
          subscriber.error(new StreamTimeoutError(whatTimedOut('idle', waitedMs), { phase: 'idle', waitedMs, tokensReceived, opcRequestId }));
          return;
        }
        this.schedule(undefined, checkEveryMs);
      }

      const sub = source.subscribe({
        next: (value) => {
          if (isToken(value)) {
            tokensReceived += 1;
            if (!idleArmed) {
              // Armed here rather than by a helper closure: a closure made per subscription,
              // called from this per-token code, was inlined by TurboFan and deoptimized it in
              // each new stream ("wrong call target").
              tokenDeadline?.unsubscribe();
              idleArmed = true;
              countAtCheck = tokensReceived;
              tokenDeadline = idleMs === undefined ? undefined : scheduler.schedule(checkIdle, checkEveryMs);
            }
          } else if (isChatEvent(value) && value.type === 'finish') {
            tokenDeadline?.unsubscribe();
            tokenDeadline = undefined;
            idleArmed = true; // nothing re-arms it after the finish
          } else if (isChatEvent(value) && value.type === 'start') {
            opcRequestId = value.opcRequestId;
          }
          subscriber.next(value);
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => subscriber.complete(),
      });

      return () => {
        sub.unsubscribe();
        total?.unsubscribe();
        tokenDeadline?.unsubscribe();
      };
    });
}

/** Checks of the token count per idleMs: the idle timeout fires at most idleMs / IDLE_CHECKS late. */
const IDLE_CHECKS = 8;

function whatTimedOut(phase: StreamTimeoutPhase, waitedMs: number): string {
  switch (phase) {
    case 'first-token':
      return `No first token after ${waitedMs} ms`;
    case 'idle':
      return `No token for ${waitedMs} ms after the last one`;
    case 'total':
      return `The stream did not complete within ${waitedMs} ms`;
  }
}
