/**
 * The hub's corrected clock (sync/client/skewClock.ts): never back while the machine's clock goes
 * forward, never further than the bound from it, no correction past the bound, and zones left only
 * with hysteresis.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { localDate } from '../../../main/core/clock.js';
import { HYSTERESIS, SkewClock, nextZone } from '../../../sync/client/skewClock.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2026, 2, 10, 7, 0);
const BOUNDS = { boundMs: 2 * MIN, maxCorrectionMs: HOUR };

/** A step: the machine's clock moves by `dt`, and maybe central answers with a skew `skew` (a 40 ms round trip). */
type Step = { dt: number; skew: number | null };
const skews = fc.oneof(
  fc.integer({ min: -3 * MIN, max: 3 * MIN }),
  fc.integer({ min: -2 * HOUR, max: 2 * HOUR }),
  fc.integer({ min: -5 * DAY, max: 5 * DAY }),
  fc.constantFrom(HOUR, HOUR + 1, -HOUR, 2 * MIN, 2 * MIN + 1, 0.75 * HOUR),
);
const step = (dt: fc.Arbitrary<number>) => fc.record({ dt, skew: fc.option(skews, { nil: null, freq: 2 }) });

function run(steps: Step[], check: (now: number, local: number, prev: { now: number; local: number } | null) => void) {
  let local = T0;
  const clock = new SkewClock(() => local, BOUNDS);
  let prev: { now: number; local: number } | null = null;
  for (const s of steps) {
    local += s.dt;
    if (s.skew !== null) clock.observe(local - 20 + s.skew + 20, local - 40, local);
    const now = clock.now();
    expect(Number.isInteger(now)).toBe(true);
    check(now, local, prev);
    prev = { now, local };
  }
}

describe('the corrected clock', () => {
  it('for any observations and a machine clock going forward: never goes back, never further than the bound from the machine clock', () => {
    fc.assert(
      fc.property(fc.array(step(fc.integer({ min: 0, max: 3 * HOUR })), { maxLength: 60 }), (steps) => {
        run(steps, (now, local, prev) => {
          expect(Math.abs(now - local)).toBeLessThanOrEqual(BOUNDS.maxCorrectionMs);
          if (prev) expect(now).toBeGreaterThanOrEqual(prev.now);
          // So the centre's day never goes back either.
          if (prev) expect(localDate(now, 'Europe/Kyiv') >= localDate(prev.now, 'Europe/Kyiv')).toBe(true);
        });
      }),
    );
  });

  it('when the machine clock itself steps back, keeps the bound and goes back by no more than that step', () => {
    fc.assert(
      fc.property(fc.array(step(fc.integer({ min: -3 * HOUR, max: 3 * HOUR })), { maxLength: 60 }), (steps) => {
        run(steps, (now, local, prev) => {
          expect(Math.abs(now - local)).toBeLessThanOrEqual(BOUNDS.maxCorrectionMs);
          if (prev) expect(prev.now - now).toBeLessThanOrEqual(Math.max(0, prev.local - local));
        });
      }),
    );
  });

  it('follows central within the bound, at once forward and by slewing back', () => {
    let local = T0;
    const clock = new SkewClock(() => local, BOUNDS);
    clock.observe(local + 20 * MIN, local, local);
    expect(clock.zone).toBe('corrected');
    expect(clock.now()).toBe(local + 20 * MIN);
    // Central's time goes back 20 minutes (this machine was fixed): no step back, half speed instead.
    clock.observe(local, local, local);
    expect(clock.zone).toBe('ok');
    local += 10 * MIN;
    expect(clock.now()).toBe(T0 + 25 * MIN);
    local += 30 * MIN;
    expect(clock.now()).toBe(local);
  });

  it('past the bound keeps its own clock: +3 days and -3 days are not followed', () => {
    for (const skew of [3 * DAY, -3 * DAY, HOUR + 1]) {
      let local = T0;
      const clock = new SkewClock(() => local, BOUNDS);
      clock.observe(local + skew, local, local);
      expect(clock.zone).toBe('refused');
      expect(clock.suspect).toBe(true);
      expect(clock.now()).toBe(local);
      local += MIN;
      expect(clock.now()).toBe(local);
    }
  });

  it('within the skew bound trusts the machine clock: +30 s is not a correction', () => {
    const local = T0;
    const clock = new SkewClock(() => local, BOUNDS);
    clock.observe(local + 30_000, local, local);
    expect(clock).toMatchObject({ zone: 'ok', suspect: false });
    expect(clock.now()).toBe(local);
  });

  it('does not flap around a bound: a zone is left only a quarter of the bound inside it', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -Math.floor(HYSTERESIS * HOUR) + 1, max: 10 * MIN }), { minLength: 1, maxLength: 50 }), (wobble) => {
        // Once refused past 1 h, a skew wobbling between 45 min and 1 h 10 min stays refused.
        let zone = nextZone(null, HOUR + 1, BOUNDS.boundMs, BOUNDS.maxCorrectionMs);
        for (const w of wobble) zone = nextZone(zone, HOUR + w, BOUNDS.boundMs, BOUNDS.maxCorrectionMs);
        expect(zone).toBe('refused');
      }),
    );
    expect(nextZone('refused', 0.75 * HOUR, BOUNDS.boundMs, BOUNDS.maxCorrectionMs)).toBe('corrected');
    expect(nextZone('corrected', 100_000, BOUNDS.boundMs, BOUNDS.maxCorrectionMs)).toBe('corrected');
    expect(nextZone('corrected', 90_000, BOUNDS.boundMs, BOUNDS.maxCorrectionMs)).toBe('ok');
    expect(nextZone('ok', 100_000, BOUNDS.boundMs, BOUNDS.maxCorrectionMs)).toBe('ok');
    expect(nextZone('ok', 120_001, BOUNDS.boundMs, BOUNDS.maxCorrectionMs)).toBe('corrected');
  });

  it('across midnight: a floor moved to the next day by a correction never goes back to the day before', () => {
    // 23:50 in Kyiv (UTC+2 in March), central 20 minutes ahead: the corrected time is past midnight.
    let local = Date.UTC(2026, 2, 10, 21, 50);
    const clock = new SkewClock(() => local, BOUNDS);
    clock.observe(local + 20 * MIN, local, local);
    expect(localDate(clock.now(), 'Europe/Kyiv')).toBe('2026-03-11');
    clock.observe(local, local, local);
    for (let i = 0; i < 40; i++) {
      local += MIN;
      expect(localDate(clock.now(), 'Europe/Kyiv')).toBe('2026-03-11');
    }
  });

  it('a skew bound wider than the correction bound (the simulator) corrects nothing below it', () => {
    const local = T0;
    const clock = new SkewClock(() => local, { boundMs: 7 * DAY, maxCorrectionMs: HOUR });
    clock.observe(local + 2 * HOUR, local, local);
    expect(clock).toMatchObject({ zone: 'ok', suspect: false });
    expect(clock.now()).toBe(local);
  });
});
