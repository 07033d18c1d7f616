/**
 * The alerts.in.ua air-raid status of one location (oblast, raion or hromada uid):
 * `GET /v1/iot/active_air_raid_alerts/{uid}.json` with a bearer token answers one JSON string,
 * "A" (alert), "P" (alert in part of the location) or "N" (none). Polled; the service caches for
 * about 30 s, so polling faster gains nothing, and a 429 backs off.
 */
import { EventEmitter } from 'node:events';

export const ALERTS_IN_UA_URL = 'https://api.alerts.in.ua';

export type AlertsInUaStatus = 'A' | 'P' | 'N';

export type AlertsInUaError = { code: 'UNAUTHORIZED' | 'RATE_LIMITED' | 'HTTP_ERROR' | 'BAD_ANSWER' | 'UNREACHABLE'; detail: string };

export type Reading = { ok: true; status: AlertsInUaStatus } | { ok: false; error: AlertsInUaError };

export interface AlertsInUaOptions {
  token: string;
  locationUid: number;
  baseUrl?: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/** One request; every way it can go wrong is a value, never a throw. */
export async function readAlertsInUa(o: AlertsInUaOptions): Promise<Reading> {
  const url = `${(o.baseUrl ?? ALERTS_IN_UA_URL).replace(/\/$/, '')}/v1/iot/active_air_raid_alerts/${o.locationUid}.json`;
  let res: Response;
  try {
    res = await (o.fetch ?? fetch)(url, {
      headers: { authorization: `Bearer ${o.token}`, accept: 'application/json' },
      signal: AbortSignal.timeout(o.timeoutMs ?? 10_000),
    });
  } catch (err) {
    return { ok: false, error: { code: 'UNREACHABLE', detail: (err as Error).message } };
  }
  if (res.status === 401 || res.status === 403) return { ok: false, error: { code: 'UNAUTHORIZED', detail: `HTTP ${res.status}` } };
  if (res.status === 429) return { ok: false, error: { code: 'RATE_LIMITED', detail: 'HTTP 429' } };
  if (!res.ok) return { ok: false, error: { code: 'HTTP_ERROR', detail: `HTTP ${res.status}` } };
  const text = (await res.text()).slice(0, 64);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, error: { code: 'BAD_ANSWER', detail: `not JSON: ${JSON.stringify(text)}` } };
  }
  if (value === 'A' || value === 'P' || value === 'N') return { ok: true, status: value };
  return { ok: false, error: { code: 'BAD_ANSWER', detail: `expected "A", "P" or "N", got ${JSON.stringify(value)}` } };
}

export interface PollerOptions extends AlertsInUaOptions {
  everyMs?: number;
  /** After a 429 or a failure: doubling from everyMs up to this. */
  maxBackoffMs?: number;
  setTimer?: (fn: () => void, ms: number) => { cancel(): void };
}

/** Polls and emits each reading; the caller decides what a reading means for the floor. */
export class AlertsInUaPoller extends EventEmitter<{ reading: [Reading] }> {
  private timer: { cancel(): void } | null = null;
  private stopped = false;
  private delay: number;

  constructor(private readonly o: PollerOptions) {
    super();
    this.delay = o.everyMs ?? 20_000;
  }

  start(): void {
    this.stopped = false;
    void this.poll();
  }

  /** One poll now; resolves with its reading (tests drive the poller with this). */
  async poll(): Promise<Reading> {
    this.timer?.cancel();
    const reading = await readAlertsInUa(this.o);
    const every = this.o.everyMs ?? 20_000;
    this.delay = reading.ok ? every : Math.min(this.delay * 2, this.o.maxBackoffMs ?? 5 * 60_000);
    if (!this.stopped) this.emit('reading', reading);
    this.schedule();
    return reading;
  }

  stop(): void {
    this.stopped = true;
    this.timer?.cancel();
    this.timer = null;
  }

  private schedule(): void {
    if (this.stopped) return;
    const set = this.o.setTimer ?? ((fn, ms) => {
      const t = setTimeout(fn, ms).unref();
      return { cancel: () => clearTimeout(t) };
    });
    this.timer = set(() => void this.poll(), this.delay);
  }
}
