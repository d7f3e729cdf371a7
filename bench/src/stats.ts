/** Summary statistics of repeated measurements. */
export interface Spread {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  /** 25th and 75th percentiles (linear interpolation). */
  readonly q1: number;
  readonly q3: number;
  readonly count: number;
}

/** The value at fraction `p` (0..1) of the sorted values, interpolating between neighbours. */
export function quantile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * p;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  const lowValue = sorted[low] ?? Number.NaN;
  const highValue = sorted[high] ?? Number.NaN;
  return lowValue + (highValue - lowValue) * (position - low);
}

/**
 * Median, min, max and quartiles of `values`.
 *
 * @example
 * spread([3, 1, 2]); // { median: 2, min: 1, max: 3, q1: 1.5, q3: 2.5, count: 3 }
 */
export function spread(values: readonly number[]): Spread {
  return {
    median: quantile(values, 0.5),
    min: values.length === 0 ? Number.NaN : Math.min(...values),
    max: values.length === 0 ? Number.NaN : Math.max(...values),
    q1: quantile(values, 0.25),
    q3: quantile(values, 0.75),
    count: values.length,
  };
}
