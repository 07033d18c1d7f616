import { describe, expect, it } from 'vitest';
import { createBackoff } from '../../../main/electron/backoff.js';

describe('back-off', () => {
  it('doubles from the first delay up to the cap, and starts over after a reset', () => {
    const backoff = createBackoff({ firstMs: 500, maxMs: 3_000, factor: 2 });

    expect([backoff.next(), backoff.next(), backoff.next(), backoff.next(), backoff.next()]).toEqual([500, 1_000, 2_000, 3_000, 3_000]);
    expect(backoff.attempts).toBe(5);
    backoff.reset();
    expect(backoff.next()).toBe(500);
  });
});
