/**
 * Automatic alert sources (central, alerts.in.ua, the "Повітряна тривога" API, a dry contact on the
 * desk bus) each report whether they see an alert that freezes. The floor is alerted while any of
 * them does. The all-clear comes when none does and the source that started the alert has itself
 * said it is over: after a restart a source that has not reported yet is not taken to be clear, and a
 * source that fails reports nothing, so it never ends an alert by itself. An alert switched on by
 * hand is the admin's: no source ends it.
 *
 * Sources also list the alerts they see by type (`threats`): those the config does not let freeze
 * (shelling, urban fights, chemical, nuclear by default) are shown on the admin page only.
 */
import { EventEmitter } from 'node:events';
import { setAlert } from '../core/alert.js';
import type { ThreatView } from '../../sync/protocol/hub.js';
import type { FloorService } from './floorService.js';

export const MANUAL_SOURCE = 'manual';

export class AlertSources extends EventEmitter<{ threats: [ThreatView[]] }> {
  /** Each source's last reading since the hub started. */
  private readonly readings = new Map<string, boolean>();
  private readonly seen = new Map<string, ThreatView[]>();

  constructor(private readonly floor: FloorService) {
    super();
  }

  report(source: string, active: boolean): void {
    this.readings.set(source, active);
    const current = this.floor.state().alert;
    const anyActive = [...this.readings.values()].some(Boolean);
    if (anyActive && !current.active) {
      this.floor.run((s, now) => setAlert(s, true, source, now));
    } else if (!anyActive && current.active && current.source !== MANUAL_SOURCE && this.readings.get(current.source ?? '') === false) {
      this.floor.run((s, now) => setAlert(s, false, source, now));
    }
  }

  /** What a source sees now, by type; replaces its previous list. */
  reportThreats(source: string, threats: ThreatView[]): void {
    const before = JSON.stringify(this.seen.get(source) ?? []);
    if (threats.length) this.seen.set(source, threats);
    else this.seen.delete(source);
    if (JSON.stringify(threats) !== before) this.emit('threats', this.threats());
  }

  /** Every alert the sources see now, freezing or not, by source then type. */
  threats(): ThreatView[] {
    return [...this.seen.keys()].sort().flatMap((s) => this.seen.get(s) ?? []);
  }

  /** Sources that see an alert now. */
  reporting(): string[] {
    return [...this.readings].filter(([, active]) => active).map(([source]) => source).sort();
  }
}
