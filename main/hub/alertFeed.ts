/**
 * Turns an official source's readings into the hub's terms: the alert types the config lets freeze
 * (`alerts.freezeTypes`) go to the alert sources as "alerted", every alert goes to the admin's list,
 * and the source's health goes to the device list. A failed reading changes nothing on the floor: the
 * source shows as down (or degraded while rate-limited) and keeps its last word.
 */
import type { AlertType } from '../core/alertTypes.js';
import type { Log } from '../core/log.js';
import type { LocationId, SourceReading } from '../../hardware/alerts/source.js';
import type { HubPorts } from './extensions.js';

export interface FeedSettings {
  source: string;
  /** Shown on the admin page, e.g. "alerts.in.ua". */
  name: string;
  freezeTypes: readonly AlertType[];
  location: { hromada?: string; raion?: string; oblast?: string };
}

/** The location as a list the readers match against, hromada first. */
export function locationIds(l: FeedSettings['location']): LocationId[] {
  return (['hromada', 'raion', 'oblast'] as const).flatMap((level) => (l[level] === undefined ? [] : [{ level, id: l[level] }]));
}

export class AlertFeed {
  readonly deviceId: string;

  constructor(
    private readonly s: FeedSettings,
    private readonly ports: HubPorts,
    private readonly log: Log | null = null,
  ) {
    this.deviceId = `alerts:${s.source}`;
  }

  private label(): string {
    return `${this.s.name}, ${locationIds(this.s.location).map((l) => `${l.level} ${l.id}`).join(', ')}`;
  }

  down(detail: string, state: 'down' | 'degraded' = 'down'): void {
    this.ports.devices.report({ id: this.deviceId, kind: 'alertSource', name: this.label(), state, detail });
  }

  apply(reading: SourceReading): void {
    if (!reading.ok) {
      // No answer is no news: the floor keeps the state it has rather than guessing.
      this.down(`${reading.error.code}: ${reading.error.detail}`, reading.error.code === 'RATE_LIMITED' ? 'degraded' : 'down');
      if (this.log) this.log.warn({ source: this.s.source, code: reading.error.code, detail: reading.error.detail }, 'alert source failed');
      else this.ports.log.warn({ source: this.s.source, code: reading.error.code, detail: reading.error.detail }, 'alert source failed');
      return;
    }
    const freezing = reading.alerts.filter((a) => this.s.freezeTypes.includes(a.type));
    const detail = reading.alerts.length ? reading.alerts.map((a) => `${a.type} (${a.location})`).join(', ') : 'no alert';
    this.ports.devices.report({ id: this.deviceId, kind: 'alertSource', name: this.label(), state: 'ok', detail });
    this.ports.alerts.reportThreats(
      this.s.source,
      reading.alerts.map((a) => ({ type: a.type, source: this.s.source, location: a.location, since: a.since, freezes: this.s.freezeTypes.includes(a.type) })),
    );
    this.ports.alerts.report(this.s.source, freezing.length > 0);
  }
}
