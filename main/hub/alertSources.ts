/**
 * Automatic alert sources (central, alerts.in.ua, a dry contact on the desk bus) each report whether
 * they see an alert. The floor is alerted while any of them does. The all-clear comes when none does
 * and the source that started the alert has itself said it is over: after a restart a source that
 * has not reported yet is not taken to be clear. An alert switched on by hand is the admin's: no
 * source ends it.
 */
import { setAlert } from '../core/alert.js';
import type { FloorService } from './floorService.js';

export const MANUAL_SOURCE = 'manual';

export class AlertSources {
  /** Each source's last reading since the hub started. */
  private readonly readings = new Map<string, boolean>();

  constructor(private readonly floor: FloorService) {}

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

  /** Sources that see an alert now. */
  reporting(): string[] {
    return [...this.readings].filter(([, active]) => active).map(([source]) => source).sort();
  }
}
