/**
 * The health of every device and outside link the hub knows (printer, desk bus, displays, scanner,
 * alert sources, central), for the admin page and /health. Drivers report; the hub broadcasts.
 */
import { EventEmitter } from 'node:events';
import type { DeviceView } from '../../sync/protocol/hub.js';
import type { Millis } from '../core/types.js';

export type DeviceReport = Omit<DeviceView, 'since'>;

export class DeviceRegistry extends EventEmitter<{ change: [DeviceView] }> {
  private readonly devices = new Map<string, DeviceView>();

  constructor(private readonly now: () => Millis) {
    super();
  }

  /** Records a device's state; `since` moves only when the state itself changes. */
  report(r: DeviceReport): void {
    const previous = this.devices.get(r.id);
    if (previous && previous.state === r.state && previous.detail === r.detail && previous.name === r.name) return;
    const view: DeviceView = { ...r, since: previous && previous.state === r.state ? previous.since : this.now() };
    this.devices.set(r.id, view);
    this.emit('change', view);
  }

  remove(id: string): void {
    this.devices.delete(id);
  }

  list(): DeviceView[] {
    return [...this.devices.values()].sort((a, b) => a.id.localeCompare(b.id));
  }
}
