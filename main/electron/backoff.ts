/**
 * Growing, capped delays between recovery attempts, so a page that keeps crashing or a hub that is
 * still starting is retried quickly at first and then without hammering anything.
 */
export interface BackoffPolicy {
  firstMs: number;
  maxMs: number;
  factor: number;
}

export interface Backoff {
  /** The delay before the next attempt; each call counts as one attempt. */
  next(): number;
  /** After a success: the next failure starts again from the first delay. */
  reset(): void;
  readonly attempts: number;
}

export function createBackoff(policy: BackoffPolicy): Backoff {
  let attempts = 0;
  return {
    next() {
      const delay = Math.min(policy.maxMs, policy.firstMs * policy.factor ** attempts);
      attempts += 1;
      return delay;
    },
    reset() {
      attempts = 0;
    },
    get attempts() {
      return attempts;
    },
  };
}
