/**
 * The one exponential backoff with jitter (retrying central, a webhook): many clients coming back after an outage do
 * not all knock at the same second. `random` is injectable so tests know the delays.
 */
export interface BackoffOptions {
  minMs: number;
  maxMs: number;
  random?: () => number;
}

export class Backoff {
  private failures = 0;

  constructor(private readonly o: BackoffOptions) {}

  /** The wait before the next try after one more failure: half the exponential step plus a random half. */
  fail(): number {
    const step = Math.min(this.o.maxMs, this.o.minMs * 2 ** Math.min(this.failures, 30));
    this.failures++;
    const r = (this.o.random ?? Math.random)();
    return Math.round(step / 2 + (r * step) / 2);
  }

  succeed(): void {
    this.failures = 0;
  }

  get attempts(): number {
    return this.failures;
  }
}
