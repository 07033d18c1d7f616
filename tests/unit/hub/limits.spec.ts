import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BoundedQueue, Counter, FailureWindow, KeyedBuckets, TokenBucket } from '../../../main/hub/limits.js';

describe('a token bucket', () => {
  it('allows a burst, then one per refill, and says how long to wait', () => {
    const b = new TokenBucket({ perSecond: 2, burst: 3 }, 0);
    expect([b.take(0), b.take(0), b.take(0)].every((t) => t.ok)).toBe(true);
    expect(b.take(0)).toEqual({ ok: false, retryAfterMs: 500 });
    expect(b.take(499).ok).toBe(false);
    expect(b.take(500).ok).toBe(true);
  });

  it('never allows more than the burst plus what the rate refilled, whatever the times (property)', () => {
    fc.assert(
      fc.property(
        fc.record({ perSecond: fc.integer({ min: 1, max: 1000 }), burst: fc.integer({ min: 1, max: 100 }) }),
        fc.array(fc.integer({ min: 0, max: 5000 }), { maxLength: 300 }),
        (spec, gaps) => {
          const b = new TokenBucket(spec, 0);
          let t = 0;
          let allowed = 0;
          for (const gap of gaps) {
            t += gap;
            const r = b.take(t);
            if (r.ok) allowed++;
            else expect(r.retryAfterMs).toBeGreaterThan(0);
          }
          expect(allowed).toBeLessThanOrEqual(spec.burst + Math.floor((t * spec.perSecond) / 1000));
        },
      ),
    );
  });

  it('takes nothing away when the clock goes back', () => {
    const b = new TokenBucket({ perSecond: 1, burst: 1 }, 10_000);
    expect(b.take(10_000).ok).toBe(true);
    expect(b.take(0).ok).toBe(false);
    expect(b.take(11_000).ok).toBe(true);
  });
});

describe('buckets per key', () => {
  it('keeps each key apart and forgets full buckets on a sweep', () => {
    const k = new KeyedBuckets({ perSecond: 1, burst: 1 }, 2);
    expect(k.take('a', 0).ok).toBe(true);
    expect(k.take('a', 0).ok).toBe(false);
    expect(k.take('b', 0).ok).toBe(true);
    expect(k.size).toBe(2);
    // Past maxKeys a new key sweeps the full ones away first.
    expect(k.take('c', 5000).ok).toBe(true);
    expect(k.size).toBe(1);
  });
});

describe('a counter', () => {
  it('counts up and down and forgets zero', () => {
    const c = new Counter();
    c.add('x');
    c.add('x');
    c.remove('x');
    expect(c.count('x')).toBe(1);
    c.remove('x');
    c.remove('x');
    expect(c.count('x')).toBe(0);
  });
});

describe('a window of refused handshakes', () => {
  it('refuses past the allowance until the window ends, and reports the first of each window only', () => {
    const w = new FailureWindow(2, 60_000);
    expect(w.fail('a', 0)).toEqual({ failures: 1, report: true });
    expect(w.fail('a', 1)).toEqual({ failures: 2, report: false });
    expect(w.check('a', 2)).toEqual({ ok: false, retryAfterMs: 59_998 });
    expect(w.check('b', 2)).toEqual({ ok: true });
    expect(w.check('a', 60_000)).toEqual({ ok: true });
    expect(w.fail('a', 60_000)).toEqual({ failures: 1, report: true });
  });
});

describe('a bounded queue', () => {
  it('runs one at a time, keeps a few waiting, and refuses the rest at once', async () => {
    const q = new BoundedQueue(1, 2);
    const releases: (() => void)[] = [];
    const job = () => new Promise<number>((r) => releases.push(() => r(releases.length)));
    const a = q.run(job);
    const b = q.run(job);
    const c = q.run(job);
    expect([a, b, c].every((p) => p !== null)).toBe(true);
    expect(q.run(job)).toBeNull();
    expect(q.busy).toBe(3);
    expect(releases).toHaveLength(1);
    const settle = () => new Promise((r) => setImmediate(r));
    releases[0]!();
    await a;
    await settle();
    expect(releases).toHaveLength(2);
    releases[1]!();
    await b;
    await settle();
    releases[2]!();
    await c;
    await settle();
    expect(q.busy).toBe(0);
  });

  it('goes on after a job that throws', async () => {
    const q = new BoundedQueue(1, 1);
    await expect(q.run(() => { throw new Error('boom'); })).rejects.toThrow('boom');
    await expect(q.run(async () => 1)).resolves.toBe(1);
  });
});
