/**
 * The link to central as the admin page and /health show it: online when the last round of calls
 * all went through, degraded when some did or the clock is suspect (corrected or refused,
 * sync/client/skewClock.ts, whose zones carry their own hysteresis, so the link does not flap
 * either), offline (since when) when none did.
 */
export type LinkState = 'online' | 'degraded' | 'offline';

export function linkStateOf(ok: number, failed: number, clockSuspect: boolean): LinkState {
  const calls: LinkState = failed === 0 ? 'online' : ok === 0 ? 'offline' : 'degraded';
  return calls === 'online' && clockSuspect ? 'degraded' : calls;
}

export class LinkTracker {
  state: LinkState | null = null;
  since: number | null = null;
  lastPullAt: number | null = null;
  lastPushAt: number | null = null;
  lastError: string | null = null;

  /** Records a round; true when the state changed. */
  round(ok: number, failed: number, at: number, error: string | null, clockSuspect = false): boolean {
    const next = linkStateOf(ok, failed, clockSuspect);
    this.lastError = error;
    if (next === this.state) return false;
    this.state = next;
    this.since = at;
    return true;
  }
}
