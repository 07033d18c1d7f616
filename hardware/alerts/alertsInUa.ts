/**
 * alerts.in.ua as an alert source: `GET /v1/alerts/active.json` with a bearer token lists every active
 * alert in the country (`alert_type`, `location_uid`, `started_at`, …); the reader keeps those declared
 * for the centre's hromada, raion or oblast uid. The service asks for `If-Modified-Since` (it answers
 * 304 when nothing changed) and at least 15 s between requests; the poller never goes faster.
 */
import { z } from 'zod';
import { ALERT_TYPES, type AlertType } from '../../main/core/alertTypes.js';
import { parseJson, request, type LocationId, type SourceAlert, type SourceReading } from './source.js';

export const ALERTS_IN_UA_URL = 'https://api.alerts.in.ua';
/** The service's own rule: no more than one request per 15 s. */
export const ALERTS_IN_UA_MIN_MS = 15_000;

const uid = z.union([z.string().max(32), z.number().int()]).transform(String);
const alertSchema = z.looseObject({
  alert_type: z.string().max(64),
  location_uid: uid,
  started_at: z.string().max(64).nullish(),
  finished_at: z.string().max(64).nullish(),
});
const answerSchema = z.looseObject({ alerts: z.array(z.unknown()).max(100_000) });

export interface AlertsInUaOptions {
  token: string;
  locations: readonly LocationId[];
  baseUrl?: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/** The alerts of a parsed active.json that concern these locations; malformed entries are skipped. */
export function alertsFor(value: unknown, locations: readonly LocationId[]): SourceAlert[] | null {
  const answer = answerSchema.safeParse(value);
  if (!answer.success) return null;
  const out: SourceAlert[] = [];
  for (const raw of answer.data.alerts) {
    const a = alertSchema.safeParse(raw);
    if (!a.success || a.data.finished_at) continue;
    if (!(ALERT_TYPES as readonly string[]).includes(a.data.alert_type)) continue;
    const place = locations.find((l) => l.id === a.data.location_uid);
    if (!place) continue;
    const since = a.data.started_at ? Date.parse(a.data.started_at) : NaN;
    out.push({ type: a.data.alert_type as AlertType, location: `${place.level} ${place.id}`, since: Number.isFinite(since) ? since : null });
  }
  return out;
}

/** Remembers the last answer and its Last-Modified, so an unchanged list costs a 304. */
export class AlertsInUaClient {
  private lastModified: string | null = null;
  private last: SourceAlert[] | null = null;

  constructor(private readonly o: AlertsInUaOptions) {}

  async read(): Promise<SourceReading> {
    const url = `${(this.o.baseUrl ?? ALERTS_IN_UA_URL).replace(/\/$/, '')}/v1/alerts/active.json`;
    const headers: Record<string, string> = { authorization: `Bearer ${this.o.token}`, accept: 'application/json' };
    if (this.lastModified && this.last) headers['if-modified-since'] = this.lastModified;
    const answer = await request(url, { headers }, this.o);
    if (!answer.ok) return answer;
    if (answer.status === 304) {
      if (this.last) return { ok: true, alerts: this.last, unchanged: true };
      return { ok: false, error: { code: 'BAD_ANSWER', detail: '304 to a request without If-Modified-Since' } };
    }
    const parsed = parseJson(answer.text);
    if (!parsed.ok) return parsed;
    const alerts = alertsFor(parsed.value, this.o.locations);
    if (!alerts) return { ok: false, error: { code: 'BAD_ANSWER', detail: 'expected { alerts: [...] }' } };
    this.last = alerts;
    this.lastModified = answer.headers.get('last-modified');
    return { ok: true, alerts, unchanged: false };
  }
}
