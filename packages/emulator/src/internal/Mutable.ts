/**
 * `T` with its `readonly` removed, for the one place that fills or updates a value others only read.
 *
 * @example
 * const counters: Mutable<EmulatorCounters> = { ...zeroCounters };
 * counters.requests += 1;
 */
export type Mutable<T> = { -readonly [K in keyof T]: T[K] };
