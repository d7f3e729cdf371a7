/** Budgets of starts and tokens over a sliding window, on a clock the caller gives. */
export interface RateWindow {
  /** Milliseconds until a prompt may start: 0 when one may start now. */
  waitMs(): number;
  /** A prompt starts now. */
  started(): void;
  /** `tokens` were used now. */
  used(tokens: number): void;
}

/** The budgets of a {@link RateWindow}, checked by the caller. */
export interface RateWindowBudgets {
  readonly requestsPerInterval: number;
  readonly tokensPerInterval: number;
  readonly intervalMs: number;
}

/**
 * A sliding-window log: each start and each token count is kept with its time until it leaves
 * the window, so the log never holds more than one window's entries.
 */
export function createRateWindow(budgets: RateWindowBudgets, now: () => number): RateWindow {
  const { requestsPerInterval, tokensPerInterval, intervalMs } = budgets;
  const starts: number[] = [];
  const tokens: { at: number; count: number }[] = [];
  let tokensInWindow = 0;

  const forgetOld = (): void => {
    const since = now() - intervalMs;
    while (starts[0] !== undefined && starts[0] <= since) starts.shift();
    while (tokens[0] !== undefined && tokens[0].at <= since) tokensInWindow -= tokens.shift()?.count ?? 0;
  };

  /** When enough tokens leave the window to bring it under budget. */
  const tokensFreeAt = (): number => {
    let left = tokensInWindow;
    for (const entry of tokens) {
      left -= entry.count;
      if (left < tokensPerInterval) return entry.at + intervalMs;
    }
    return now();
  };

  return {
    waitMs() {
      forgetOld();
      let freeAt = now();
      const over = starts.length - requestsPerInterval;
      if (over >= 0) freeAt = Math.max(freeAt, (starts[over] ?? 0) + intervalMs);
      if (tokensInWindow >= tokensPerInterval) freeAt = Math.max(freeAt, tokensFreeAt());
      return freeAt - now();
    },
    started() {
      forgetOld();
      starts.push(now());
    },
    used(count) {
      if (!(count > 0)) return;
      forgetOld();
      tokens.push({ at: now(), count });
      tokensInWindow += count;
    },
  };
}
