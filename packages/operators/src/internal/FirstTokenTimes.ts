/**
 * The last first-token times of an adaptive `hedgeStream`, in a ring of fixed size, so that
 * the hedge delay follows the service as it changes and memory stays bounded.
 */
export class FirstTokenTimes {
  private readonly samples: number[] = [];
  private next = 0;

  constructor(private readonly size: number) {}

  /** Adds one first-token time, in milliseconds, replacing the oldest when the ring is full. */
  record(ms: number): void {
    if (this.samples.length < this.size) this.samples.push(ms);
    else this.samples[this.next] = ms;
    this.next = (this.next + 1) % this.size;
  }

  /**
   * The `q` quantile (0 to 1) of the recorded times, nearest-rank; undefined while fewer than
   * `minSamples` are recorded. Sorting 200 numbers once per request is cheap next to a request.
   */
  quantile(q: number, minSamples: number): number | undefined {
    if (this.samples.length < minSamples) return undefined;
    const sorted = [...this.samples].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  }
}
