/**
 * The hub's clock corrected by central's `serverTime`. Skew = serverTime − the local time in the
 * middle of the request. Within the bound the local clock is trusted as it is; past it the clock is
 * flagged on the admin page and `now()` (which the floor's rules use) adds the skew.
 */
export const DEFAULT_SKEW_BOUND_MS = 2 * 60_000;

export class SkewClock {
  private skew: number | null = null;

  constructor(
    /** The machine's clock (Date.now, or a test's clock). */
    readonly local: () => number,
    readonly boundMs: number = DEFAULT_SKEW_BOUND_MS,
  ) {}

  observe(serverTime: number, sentAt: number, receivedAt: number): void {
    this.skew = Math.round(serverTime - (sentAt + receivedAt) / 2);
  }

  get skewMs(): number | null {
    return this.skew;
  }

  get suspect(): boolean {
    return this.skew !== null && Math.abs(this.skew) > this.boundMs;
  }

  /** The time the rules use. */
  readonly now = (): number => this.local() + (this.suspect ? this.skew! : 0);
}
