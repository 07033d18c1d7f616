/**
 * What the hub tells its operators about itself, in one place: each refusal, device change, alert
 * start and end is logged once with its fields, and fed to the metrics. The hub hands this its
 * floor and device registry (by the small interfaces below) and reports each answered command;
 * nothing here knows the hub's internals.
 */
import type { Log } from '../core/log.js';
import type { FloorPatch } from '../core/floorState.js';
import type { DeviceView, PrintView } from '../../sync/protocol/hub.js';
import type { Answered, TalonMetrics } from './metrics.js';

export interface FloorChanges {
  on(event: 'change', listener: (change: { patch: FloorPatch }) => void): unknown;
}

export interface DeviceChanges {
  on(event: 'change', listener: (device: DeviceView) => void): unknown;
}

export interface HubWatch {
  /** A command was answered (the gateway's `answered`): a refusal is logged, every answer counted. */
  answered(a: Answered & { actorId: string }): void;
  /** A ticket's printing moved on (the `print` event sent to its kiosk). */
  printed(p: PrintView): void;
}

export function watchHub(o: { log: Log; metrics: TalonMetrics | null; floor: FloorChanges; devices: DeviceChanges }): HubWatch {
  const commands = o.log.child({ component: 'commands' });
  const devices = o.log.child({ component: 'devices' });
  const alerts = o.log.child({ component: 'alert' });
  o.floor.on('change', ({ patch }) => {
    if (patch.calls.length) o.metrics?.called(patch.calls);
    if (patch.alert) {
      const { kind, source } = patch.alert;
      if (kind === 'start') alerts.warn({ source }, 'alert: the floor freezes unless the centre works during alerts');
      else alerts.info({ source }, 'all clear');
    }
  });
  o.devices.on('change', (d) => {
    const fields = { device: d.id, kind: d.kind, state: d.state, detail: d.detail };
    if (d.state === 'ok') devices.info(fields, 'a device is ok');
    else devices.warn(fields, `a device is ${d.state}`);
  });
  return {
    answered(a) {
      o.metrics?.answered(a);
      // The payload is not logged: it may carry a booking code or a phone number.
      if (!a.ok) commands.info({ ns: a.ns, event: a.event, actor: a.actorId, code: a.code, ms: a.ms }, 'refused a command');
    },
    printed(p) {
      o.metrics?.printed(p);
      if (p.status === 'failed') o.log.child({ component: 'printer' }).warn({ problem: p.problem }, 'a ticket was not printed');
    },
  };
}
