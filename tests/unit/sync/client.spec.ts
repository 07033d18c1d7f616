import { describe, expect, it } from 'vitest';
import { Backoff } from '../../../sync/client/backoff.js';
import { LinkTracker } from '../../../sync/client/linkState.js';
import { SkewClock } from '../../../sync/client/skewClock.js';

describe('backoff', () => {
  it('doubles from the minimum to the maximum with jitter in the upper half, and starts over after a success', () => {
    const rolls = [0, 1, 0.5, 0, 0, 0, 0, 0];
    const b = new Backoff({ minMs: 100, maxMs: 1000, random: () => rolls.shift() ?? 0 });
    expect([b.fail(), b.fail(), b.fail(), b.fail(), b.fail(), b.fail()]).toEqual([50, 200, 300, 400, 500, 500]);
    b.succeed();
    expect(b.fail()).toBe(50);
  });
});

describe('the clock corrected by central', () => {
  it('measures the skew at the middle of the request and corrects only past the bound', () => {
    let local = 1_000_000;
    const clock = new SkewClock(() => local, 120_000);
    expect(clock.skewMs).toBeNull();
    clock.observe(1_000_000 + 60_000 + 500, 1_000_000, 1_001_000);
    expect(clock.skewMs).toBe(60_000);
    expect(clock.suspect).toBe(false);
    expect(clock.now()).toBe(local);
    clock.observe(1_000_000 - 180_000, 1_000_000, 1_000_000);
    expect(clock.suspect).toBe(true);
    // Backwards: the clock never steps back, it runs at half speed until it meets central's time.
    local += 6;
    expect(clock.now()).toBe(1_000_003);
    local += 360_000;
    expect(clock.now()).toBe(local - 180_000);
  });
});

describe('the link state', () => {
  it('is online when every call went through, degraded when some did, offline since the first round with none', () => {
    const l = new LinkTracker();
    expect(l.round(5, 0, 1, null)).toBe(true);
    expect(l.state).toBe('online');
    expect(l.round(3, 2, 2, 'x')).toBe(true);
    expect(l.state).toBe('degraded');
    l.round(0, 5, 3, 'down');
    l.round(0, 5, 4, 'down');
    expect(l).toMatchObject({ state: 'offline', since: 3 });
  });

  it('reads degraded while the clock is suspect, even with every call through; offline stays offline', () => {
    const l = new LinkTracker();
    l.round(5, 0, 1, null, true);
    expect(l).toMatchObject({ state: 'degraded', since: 1 });
    expect(l.round(5, 0, 2, null, true)).toBe(false);
    expect(l.round(5, 0, 3, null, false)).toBe(true);
    expect(l.state).toBe('online');
    l.round(0, 5, 4, 'down', true);
    expect(l.state).toBe('offline');
  });
});
