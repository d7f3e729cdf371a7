import { parseFaultSpec, type FaultSpec } from './FaultSpec.js';

interface Scheduled {
  readonly spec: FaultSpec;
  remaining: number | undefined;
}

/**
 * Which fault spec applies to the next request: the request's `x-emulator-fault` header
 * wins, then the spec given to `setFault()` (for its remaining `times`), then the
 * emulator's default `faults` option. The first present source is used whole; sources
 * are not merged, so a test reads one spec to know what a request gets.
 *
 * @example
 * const schedule = new FaultSchedule('keepalive=1000');
 * schedule.set('status=503', 1);
 * schedule.select(undefined); // { status: 503 }
 * schedule.select(undefined); // { keepaliveMs: 1000 }
 */
export class FaultSchedule {
  readonly #fallback: FaultSpec | undefined;
  #scheduled: Scheduled | undefined;

  /** @throws ServiceError when the default spec is malformed. */
  constructor(defaultSpec: string | undefined) {
    this.#fallback = defaultSpec === undefined ? undefined : parseFaultSpec(defaultSpec);
  }

  /** Sets (or with `undefined`, clears) the spec for the next `times` requests, or all of them. */
  set(text: string | undefined, times?: number): void {
    if (text === undefined) {
      this.#scheduled = undefined;
      return;
    }
    if (times !== undefined && (!Number.isInteger(times) || times < 1)) {
      throw new RangeError(`setFault times must be a positive whole number, got ${String(times)}`);
    }
    this.#scheduled = { spec: parseFaultSpec(text), remaining: times };
  }

  /** The spec for one request; using the `setFault()` spec uses up one of its `times`. */
  select(header: string | undefined): FaultSpec | undefined {
    if (header !== undefined && header.trim() !== '') return parseFaultSpec(header);
    const scheduled = this.#scheduled;
    if (scheduled !== undefined) {
      if (scheduled.remaining !== undefined) {
        scheduled.remaining -= 1;
        if (scheduled.remaining <= 0) this.#scheduled = undefined;
      }
      return scheduled.spec;
    }
    return this.#fallback;
  }
}
