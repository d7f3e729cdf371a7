/**
 * Waits `ms` milliseconds, or less if `signal` aborts first (the client went away):
 * resolves either way and leaves no timer behind. No timer at all for 0 ms.
 *
 * @example
 * await sleep(50, closed.signal);
 */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (ms <= 0 || signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
