/**
 * The hub's limits (config `hub.limits`): token buckets for events, counters for open sockets, and a
 * window of refused handshakes per address. Pure bookkeeping with the time passed in, so each is
 * tested without a clock; the gateway (main/hub/gateway.ts) applies them.
 */
import type { Millis } from '../core/types.js';

export interface BucketSpec {
  perSecond: number;
  burst: number;
}

/** Either allowed, or refused with how long until one more is allowed. */
export type Take = { ok: true } | { ok: false; retryAfterMs: number };

export class TokenBucket {
  private tokens: number;
  private at: Millis;

  constructor(
    private readonly spec: BucketSpec,
    now: Millis,
  ) {
    this.tokens = spec.burst;
    this.at = now;
  }

  private refill(now: Millis): void {
    // A clock that goes back refills nothing rather than taking tokens away.
    const elapsed = Math.max(0, now - this.at);
    this.tokens = Math.min(this.spec.burst, this.tokens + (elapsed * this.spec.perSecond) / 1000);
    this.at = Math.max(this.at, now);
  }

  take(now: Millis): Take {
    this.refill(now);
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return { ok: true };
    }
    return { ok: false, retryAfterMs: Math.max(1, Math.ceil(((1 - this.tokens) * 1000) / this.spec.perSecond)) };
  }

  /** Full again: nothing to remember about this client. */
  full(now: Millis): boolean {
    this.refill(now);
    return this.tokens >= this.spec.burst;
  }
}

/**
 * One bucket per key (a client address). Full buckets are forgotten on a sweep, so a stranger
 * walking through addresses cannot grow the map without bound for long.
 */
export class KeyedBuckets {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(
    private readonly spec: BucketSpec,
    private readonly maxKeys = 10_000,
  ) {}

  take(key: string, now: Millis): Take {
    let bucket = this.buckets.get(key);
    if (!bucket) {
      if (this.buckets.size >= this.maxKeys) this.sweep(now);
      bucket = new TokenBucket(this.spec, now);
      this.buckets.set(key, bucket);
    }
    return bucket.take(now);
  }

  sweep(now: Millis): void {
    for (const [key, bucket] of this.buckets) if (bucket.full(now)) this.buckets.delete(key);
  }

  get size(): number {
    return this.buckets.size;
  }
}

/** Open sockets per key, against a cap. */
export class Counter {
  private readonly counts = new Map<string, number>();

  count(key: string): number {
    return this.counts.get(key) ?? 0;
  }

  add(key: string): void {
    this.counts.set(key, this.count(key) + 1);
  }

  remove(key: string): void {
    const n = this.count(key) - 1;
    if (n <= 0) this.counts.delete(key);
    else this.counts.set(key, n);
  }
}

/**
 * Refused handshakes per address in a fixed window. Past `perWindow` the address is refused outright
 * until the window ends, and the refusals are logged once per window (`report` says when).
 */
export class FailureWindow {
  private readonly windows = new Map<string, { start: Millis; failures: number; reported: boolean }>();

  constructor(
    private readonly perWindow: number,
    private readonly windowMs: number,
    private readonly maxKeys = 10_000,
  ) {}

  private current(key: string, now: Millis) {
    let w = this.windows.get(key);
    if (!w || now - w.start >= this.windowMs || now < w.start) {
      if (!w && this.windows.size >= this.maxKeys) this.sweep(now);
      w = { start: now, failures: 0, reported: false };
      this.windows.set(key, w);
    }
    return w;
  }

  /** Whether the address may try again, and if not, for how long it waits. */
  check(key: string, now: Millis): Take {
    const w = this.windows.get(key);
    if (!w || now - w.start >= this.windowMs || now < w.start || w.failures < this.perWindow) return { ok: true };
    return { ok: false, retryAfterMs: Math.max(1, w.start + this.windowMs - now) };
  }

  /** Counts one refusal; `report` is true for the first in this window (the one line logged). */
  fail(key: string, now: Millis): { failures: number; report: boolean } {
    const w = this.current(key, now);
    w.failures++;
    const report = !w.reported;
    w.reported = true;
    return { failures: w.failures, report };
  }

  sweep(now: Millis): void {
    for (const [key, w] of this.windows) if (now - w.start >= this.windowMs || now < w.start) this.windows.delete(key);
  }
}

/**
 * At most `concurrency` jobs at once and `queue` waiting; past that a job is refused at once (the
 * caller answers "busy" with a Retry-After), so a flood of requests cannot pile up espeak processes.
 */
export class BoundedQueue {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly concurrency: number,
    private readonly queue: number,
  ) {}

  /** The job's promise, or null when the queue is full. */
  run<T>(job: () => Promise<T>): Promise<T> | null {
    if (this.running >= this.concurrency && this.waiting.length >= this.queue) return null;
    return new Promise<T>((resolve, reject) => {
      const start = () => {
        this.running++;
        let p: Promise<T>;
        try {
          p = job();
        } catch (err) {
          p = Promise.reject(err as Error);
        }
        p.then(resolve, reject).finally(() => {
          this.running--;
          this.waiting.shift()?.();
        });
      };
      if (this.running < this.concurrency) start();
      else this.waiting.push(start);
    });
  }

  get busy(): number {
    return this.running + this.waiting.length;
  }
}
