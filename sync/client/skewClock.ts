/**
 * The hub's clock corrected by central's `serverTime` (docs/sync.md, "Clock"). Skew = serverTime −
 * the local time in the middle of the request. Three zones, each left only with hysteresis:
 *
 * - `ok`: |skew| ≤ `boundMs` (central.clockSkewBoundMs, 2 min): the local clock is trusted as it is
 *   (a round trip's own error is of that order);
 * - `corrected`: past it, up to `maxCorrectionMs` (central.clockCorrectionMaxMs, 1 h): `now()` follows
 *   central (local + skew), and the clock is suspect (the link reads `degraded`);
 * - `refused`: past `maxCorrectionMs`: a skew that large is a broken clock on one side or the other,
 *   not drift, so the hub keeps its own clock (no correction at all), shows a `clock` device problem
 *   and keeps serving.
 *
 * A zone is entered when the skew crosses its bound and left only once the skew is back inside it by
 * a quarter of the bound (`HYSTERESIS`): a skew wobbling around a bound does not flap.
 *
 * `now()` never goes back while the machine's clock does not: when a correction would move it back
 * (the skew shrank, the zone changed), it runs at half speed (`SLEW_RATE`) until it meets the corrected
 * time, instead of stepping back. So the floor's day (its date in the centre's timezone, taken from
 * `now()`) never goes back either: a floor that moved to the next day at a corrected 00:05 stays
 * there. Forward corrections apply at once. And |now() − local()| ≤ `maxCorrectionMs` always: if the
 * machine's own clock steps back, `now()` goes back by no more than that step, only as far as the bound
 * requires.
 */
export const DEFAULT_SKEW_BOUND_MS = 2 * 60_000;
export const DEFAULT_CORRECTION_MAX_MS = 3_600_000;
/** A zone is left once the skew is back inside its bound by this fraction of the bound. */
export const HYSTERESIS = 0.25;
/** While ahead of the corrected time, the clock runs at this rate until it meets it. */
export const SLEW_RATE = 0.5;

export type ClockZone = 'ok' | 'corrected' | 'refused';

export interface SkewClockOptions {
  /** Skews within it are not corrected (central.clockSkewBoundMs). */
  boundMs?: number;
  /** The most the clock is corrected by; past it, not at all (central.clockCorrectionMaxMs). */
  maxCorrectionMs?: number;
}

/** The zone a skew of magnitude `abs` puts the clock in, coming from `previous`. */
export function nextZone(previous: ClockZone | null, abs: number, boundMs: number, maxCorrectionMs: number): ClockZone {
  // A correction bound below the skew bound leaves nothing to correct: past both, refused.
  const refuseAbove = Math.max(boundMs, maxCorrectionMs);
  if (previous === 'refused' && abs > refuseAbove * (1 - HYSTERESIS)) return 'refused';
  if (abs > refuseAbove) return 'refused';
  if (abs > boundMs) return 'corrected';
  if (previous === 'corrected' && abs > boundMs * (1 - HYSTERESIS)) return 'corrected';
  // Back from refused to a skew within the skew bound: trusted again.
  return 'ok';
}

export class SkewClock {
  readonly boundMs: number;
  readonly maxCorrectionMs: number;
  private skew: number | null = null;
  private zoneNow: ClockZone | null = null;
  /** What `now()` adds to the local clock once it has caught up. */
  private offset = 0;
  private last: number | null = null;
  private lastLocal = 0;
  /** While slewing: the time returned and the local time when it began (or last re-anchored). */
  private anchor: { at: number; local: number } | null = null;

  constructor(
    /** The machine's clock (Date.now, or a test's clock). */
    readonly local: () => number,
    options: number | SkewClockOptions = {},
  ) {
    const o = typeof options === 'number' ? { boundMs: options } : options;
    this.boundMs = o.boundMs ?? DEFAULT_SKEW_BOUND_MS;
    this.maxCorrectionMs = o.maxCorrectionMs ?? DEFAULT_CORRECTION_MAX_MS;
  }

  observe(serverTime: number, sentAt: number, receivedAt: number): void {
    const skew = Math.round(serverTime - (sentAt + receivedAt) / 2);
    // Central's reply is checked by its schema; a non-number still changes nothing here.
    if (!Number.isFinite(skew)) return;
    this.skew = skew;
    this.zoneNow = nextZone(this.zoneNow, Math.abs(skew), this.boundMs, this.maxCorrectionMs);
    this.offset = this.zoneNow === 'corrected' ? Math.max(-this.maxCorrectionMs, Math.min(this.maxCorrectionMs, skew)) : 0;
  }

  /** Central's clock minus this machine's, as last measured; null before any answer. */
  get skewMs(): number | null {
    return this.skew;
  }

  /** null before central answered once. */
  get zone(): ClockZone | null {
    return this.zoneNow;
  }

  /** Corrected or refused: the link reads `degraded` and the admin page says why. */
  get suspect(): boolean {
    return this.zoneNow === 'corrected' || this.zoneNow === 'refused';
  }

  /** The time the rules use: never back while the local clock goes forward; within ±maxCorrectionMs of it. */
  readonly now = (): number => {
    const local = this.local();
    const target = local + this.offset;
    let t = target;
    if (this.last !== null && this.last > target) {
      // The slew starts where the last answer was given (or now, if the machine clock stepped back since).
      if (!this.anchor || local < this.anchor.local) this.anchor = { at: this.last, local: Math.min(local, this.lastLocal) };
      t = Math.max(target, this.anchor.at + Math.floor((local - this.anchor.local) * SLEW_RATE));
    }
    const bound = this.maxCorrectionMs;
    const clamped = Math.min(local + bound, Math.max(local - bound, t));
    if (clamped === target) this.anchor = null;
    else if (clamped !== t) this.anchor = { at: clamped, local };
    this.last = clamped;
    this.lastLocal = local;
    return clamped;
  };
}
