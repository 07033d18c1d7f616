/**
 * The official "Повітряна тривога" API (api.ukrainealarm.com, v3) as an alert source. The key goes in
 * the `Authorization` header as it is. `GET /api/v3/alerts/status` answers `{ lastActionIndex }`, a
 * counter that moves with every alert change in the country: cheap to poll. Only when it moves (or a
 * webhook nudges) does the client read `GET /api/v3/alerts/{regionId}` for each of the centre's
 * regions: `[{ regionId, regionType, activeAlerts: [{ regionId, type, lastUpdate }] }]`, types AIR,
 * ARTILLERY, URBAN_FIGHTS, CHEMICAL, NUCLEAR (INFO and UNKNOWN are not alerts).
 */
import { z } from 'zod';
import type { AlertType } from '../../main/core/alertTypes.js';
import { parseJson, request, type LocationId, type SourceAlert, type SourceReading } from './source.js';

export const UKRAINE_ALARM_URL = 'https://api.ukrainealarm.com';

const TYPES: Record<string, AlertType> = {
  AIR: 'air_raid',
  ARTILLERY: 'artillery_shelling',
  URBAN_FIGHTS: 'urban_fights',
  CHEMICAL: 'chemical',
  NUCLEAR: 'nuclear',
};

const id = z.union([z.string().max(32), z.number().int()]).transform(String);
const statusSchema = z.looseObject({ lastActionIndex: z.number().int() });
const activeSchema = z.looseObject({ regionId: id.optional(), type: z.string().max(64), lastUpdate: z.string().max(64).nullish() });
const regionSchema = z.looseObject({ regionId: id, activeAlerts: z.array(z.unknown()).max(10_000) });
const regionsSchema = z.array(z.unknown()).max(10_000);

export interface UkraineAlarmOptions {
  token: string;
  locations: readonly LocationId[];
  baseUrl?: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/** The active alerts in a parsed `/alerts/{regionId}` answer declared for one of these locations. */
export function regionAlerts(value: unknown, locations: readonly LocationId[]): SourceAlert[] | null {
  const regions = regionsSchema.safeParse(value);
  if (!regions.success) return null;
  const out: SourceAlert[] = [];
  for (const raw of regions.data) {
    const region = regionSchema.safeParse(raw);
    if (!region.success) return null;
    for (const rawAlert of region.data.activeAlerts) {
      const a = activeSchema.safeParse(rawAlert);
      if (!a.success) continue;
      const type = Object.hasOwn(TYPES, a.data.type) ? TYPES[a.data.type] : undefined;
      const where = a.data.regionId ?? region.data.regionId;
      const place = locations.find((l) => l.id === where);
      if (!type || !place) continue;
      const since = a.data.lastUpdate ? Date.parse(a.data.lastUpdate) : NaN;
      out.push({ type, location: `${place.level} ${place.id}`, since: Number.isFinite(since) ? since : null });
    }
  }
  return out;
}

export class UkraineAlarmClient {
  private index: number | null = null;
  private last: SourceAlert[] | null = null;

  constructor(private readonly o: UkraineAlarmOptions) {}

  private url(path: string): string {
    return `${(this.o.baseUrl ?? UKRAINE_ALARM_URL).replace(/\/$/, '')}${path}`;
  }

  private headers(): Record<string, string> {
    return { authorization: this.o.token, accept: 'application/json' };
  }

  /** Reads the counter; the regions only when it moved, when nothing is known yet, or when forced. */
  async read(force = false): Promise<SourceReading> {
    const status = await request(this.url('/api/v3/alerts/status'), { headers: this.headers() }, this.o);
    if (!status.ok) return status;
    const parsed = parseJson(status.text);
    if (!parsed.ok) return parsed;
    const counter = statusSchema.safeParse(parsed.value);
    if (!counter.success) return { ok: false, error: { code: 'BAD_ANSWER', detail: 'expected { lastActionIndex }' } };
    if (!force && this.last && counter.data.lastActionIndex === this.index) return { ok: true, alerts: this.last, unchanged: true };
    const alerts: SourceAlert[] = [];
    // One request per distinct region; a hromada, its raion and its oblast are each asked.
    for (const regionId of [...new Set(this.o.locations.map((l) => l.id))]) {
      const answer = await request(this.url(`/api/v3/alerts/${encodeURIComponent(regionId)}`), { headers: this.headers() }, this.o);
      if (!answer.ok) return answer;
      const body = parseJson(answer.text);
      if (!body.ok) return body;
      const found = regionAlerts(body.value, this.o.locations);
      if (!found) return { ok: false, error: { code: 'BAD_ANSWER', detail: `expected [{ regionId, activeAlerts }] for region ${regionId}` } };
      for (const a of found) if (!alerts.some((b) => b.type === a.type && b.location === a.location)) alerts.push(a);
    }
    this.index = counter.data.lastActionIndex;
    this.last = alerts;
    return { ok: true, alerts, unchanged: false };
  }

  /** Asks the API to send changes to our webhook (`POST /api/v3/webhook { webHookUrl }`). */
  async subscribe(webHookUrl: string): Promise<{ ok: true } | { ok: false; detail: string }> {
    const answer = await request(
      this.url('/api/v3/webhook'),
      { method: 'POST', headers: { ...this.headers(), 'content-type': 'application/json' }, body: JSON.stringify({ webHookUrl }) },
      this.o,
    );
    return answer.ok ? { ok: true } : { ok: false, detail: `${answer.error.code}: ${answer.error.detail}` };
  }
}
