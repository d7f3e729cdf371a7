/**
 * Runs request signatures one after another, at most `sliceMs` of them in one turn of the event
 * loop; the rest wait for the next turn (`setImmediate`), so timers and sockets run between
 * slices. An RSA signature takes 1–2 ms, so a burst of 1,000 requests signed in one turn would
 * stall the loop for over a second; in slices of 5 ms it stalls it for 5 ms at a time, for the
 * same total work. A request that finds the slice free is signed at once, in the caller's turn.
 *
 * Written by hand: it is a FIFO with a time budget per turn, a few lines, and the schedulers
 * libraries offer (p-queue, RxJS's asapScheduler) limit concurrency or defer every task, not
 * the time one turn spends.
 *
 * @example
 * ```ts
 * const queue = new SigningQueue(5);
 * await queue.sign(() => signer.signHttpRequest(request), abort.signal); // signed now, or in a later turn
 * ```
 */
export class SigningQueue {
  private readonly waiting = new Set<() => Promise<void>>();
  /** Milliseconds spent signing in the current turn of the event loop. */
  private spentMs = 0;
  private draining = false;
  /** A reset of `spentMs` waits for the next turn. It is queued before any `nextSlice`, so it runs first. */
  private resetPending = false;
  private nextSlice: NodeJS.Immediate | undefined;

  /** @param sliceMs signing time one turn may take before the rest wait for the next turn; `Infinity` signs a burst in one turn. */
  constructor(private readonly sliceMs: number) {}

  /**
   * Runs `sign` when its turn comes, and settles as it settles. Aborting `signal` while the
   * request waits takes it out of the queue: `sign` never runs and the promise rejects with the
   * signal's reason. Once `sign` runs, the abort no longer stops it.
   */
  sign(sign: () => Promise<void>, signal: AbortSignal): Promise<void> {
    if (signal.aborted) return Promise.reject(abortReason(signal));
    return new Promise<void>((resolve, reject) => {
      const onAbort = (): void => {
        this.waiting.delete(job);
        reject(abortReason(signal));
      };
      const job = (): Promise<void> => {
        signal.removeEventListener('abort', onAbort);
        // The executor turns a synchronous throw of `sign` into a rejection.
        const signed = new Promise<void>((settle) => settle(sign()));
        resolve(signed);
        return signed.catch(() => undefined);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.waiting.add(job);
      if (!this.draining && this.nextSlice === undefined) void this.drain();
    });
  }

  /** Signs waiting requests in order while this turn's slice lasts, then hands over to the next turn. */
  private async drain(): Promise<void> {
    this.draining = true;
    try {
      for (const job of this.waiting) {
        // Every turn signs at least one request, whatever the slice.
        if (this.spentMs > 0 && this.spentMs >= this.sliceMs) {
          this.nextSlice = setImmediate(() => {
            this.nextSlice = undefined;
            void this.drain();
          });
          return;
        }
        this.waiting.delete(job);
        const started = performance.now();
        await job();
        // At least a little, so that a clock too coarse to see one signature still ends the slice.
        this.spentMs += Math.max(performance.now() - started, 0.001);
        // Scheduled after the signature, not before: one that waited on the network (a session
        // refresh) may end in a later turn than it began, and its time belongs to that turn.
        if (!this.resetPending) {
          this.resetPending = true;
          setImmediate(() => {
            this.resetPending = false;
            this.spentMs = 0;
          });
        }
      }
    } finally {
      this.draining = false;
    }
  }
}

function abortReason(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason : new Error('The request was aborted before it was signed.');
}
