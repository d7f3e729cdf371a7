import type { Emulator } from '@oci-genai-rx/emulator';

/** When one request reached the emulator: no earlier than `earliest`, no later than `latest` (ms). */
export interface Arrival {
  readonly earliest: number;
  readonly latest: number;
}

/** Arrival times of the emulator's requests, read from its counter as often as the event loop allows. */
export interface ArrivalLog {
  readonly arrivals: readonly Arrival[];
  /** Told each time the count grows, with the new count (for injecting faults on the way). */
  onCount(listener: (requests: number) => void): void;
  stop(): void;
}

/**
 * Samples `emulator.counters.requests` every millisecond or so. The emulator runs in this
 * process, so each new request is known to have arrived between the previous sample and this one.
 */
export function logArrivals(emulator: Emulator): ArrivalLog {
  const arrivals: Arrival[] = [];
  const listeners: Array<(requests: number) => void> = [];
  let seen = emulator.counters.requests;
  let previous = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    const requests = emulator.counters.requests;
    for (; seen < requests; seen += 1) arrivals.push({ earliest: previous, latest: now });
    previous = now;
    if (listeners.length > 0) for (const listener of listeners) listener(requests);
  }, 1);
  return {
    arrivals,
    onCount: (listener) => listeners.push(listener),
    stop: () => clearInterval(timer),
  };
}

/**
 * The most requests that certainly arrived within one window of `windowMs`: a request counts
 * only when its whole uncertainty interval lies inside the window, so sampling can only make
 * the count smaller, never push it over a limit that was kept.
 */
export function mostInAnyWindow(arrivals: readonly Arrival[], windowMs: number): number {
  const sorted = [...arrivals].sort((a, b) => a.earliest - b.earliest);
  let most = 0;
  for (let i = 0; i < sorted.length; i += 1) {
    const start = sorted[i]!.earliest;
    let count = 0;
    for (let j = i; j < sorted.length && sorted[j]!.earliest < start + windowMs; j += 1) {
      if (sorted[j]!.latest < start + windowMs) count += 1;
    }
    most = Math.max(most, count);
  }
  return most;
}
