/**
 * Token buckets for the citizen API: one per client address and one per person, so neither one
 * machine nor one identity can hammer booking. The terminal API never goes through here.
 */
export interface BucketRule {
  /** Requests allowed in a burst. */
  burst: number;
  /** Tokens regained per minute. */
  perMinute: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly rule: BucketRule,
    private readonly now: () => number,
  ) {}

  /** Takes a token for `key`; false (and how long to wait) when none is left. */
  take(key: string): { ok: true } | { ok: false; retryAfterMs: number } {
    const now = this.now();
    const b = this.buckets.get(key) ?? { tokens: this.rule.burst, at: now };
    b.tokens = Math.min(this.rule.burst, b.tokens + ((now - b.at) / 60_000) * this.rule.perMinute);
    b.at = now;
    this.buckets.set(key, b);
    if (this.buckets.size > 100_000) this.prune(now);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return { ok: true };
    }
    return { ok: false, retryAfterMs: Math.ceil(((1 - b.tokens) / this.rule.perMinute) * 60_000) };
  }

  private prune(now: number): void {
    for (const [k, b] of this.buckets) if (b.tokens + ((now - b.at) / 60_000) * this.rule.perMinute >= this.rule.burst) this.buckets.delete(k);
  }
}
