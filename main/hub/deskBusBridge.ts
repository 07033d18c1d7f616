/**
 * The desk bus in the hub (HubExtension): a call shows on the called desk's LED display and blinks,
 * an alert shows the alert mark on every display, a paused desk shows "ПАУЗА"; a keypad press runs
 * through the same command path as the desk console (same rules, same commandId idempotency), with
 * a commandId made from the press's frame so a press resent by the keypad never acts twice. A
 * contact module on a bus is the `busContact` alert source (busContact.ts).
 */
import type { TalonConfig } from '../config/schema.js';
import type { BusDriver, DisplayCommand, Key } from '../../hardware/serial/busTypes.js';
import { DeskBus, type DeskBusOptions, type KeyPress } from '../../hardware/serial/deskBus.js';
import { qsystemDriver } from '../../hardware/serial/qsystemFrames.js';
import { talonDriver } from '../../hardware/serial/talonFrames.js';
import { BusContact } from './busContact.js';
import type { FloorChange } from './floorService.js';
import type { HubExtension, HubPorts } from './extensions.js';
import { alertView, deskView } from './views.js';

export type BusConfig = Extract<NonNullable<TalonConfig['deskBus']>, { path: string }>;

export function busesOf(config: TalonConfig): BusConfig[] {
  const b = config.deskBus;
  return b === undefined ? [] : Array.isArray(b) ? b : [b];
}

export const DRIVERS: Record<BusConfig['driver'], BusDriver> = { talon: talonDriver, qsystem: qsystemDriver };

const EVENT_OF: Record<Key, string> = { next: 'callNext', recall: 'recall', start: 'start', finish: 'finish', noShow: 'noShow' };
export const CALL_BLINKS = 3;
export const PAUSE_TEXT = 'ПАУЗА';

interface DeskOnBus {
  desk: number;
  line: number;
  address: number;
}

export interface DeskBusBridgeOptions {
  /** Passed to every DeskBus (ack timeout, attempts, a test's port opener). */
  bus?: Partial<Omit<DeskBusOptions, 'path' | 'driver'>>;
}

export class DeskBusBridge implements HubExtension {
  readonly name = 'deskBus';
  readonly buses: DeskBus[] = [];
  /** The busContact alert source, when configured. */
  contact: BusContact | null = null;
  private ports: HubPorts | null = null;
  private readonly desks: DeskOnBus[];
  private readonly shown = new Map<number, string>();
  /** (line, address) → the last press and the commandId it got, to replay a resent press. */
  private readonly presses = new Map<string, { seq: number | null; key: Key; commandId: string }>();
  private readonly onChange = (change: FloorChange) => this.show(change);
  private pressCount = 0;

  constructor(private readonly config: TalonConfig, private readonly options: DeskBusBridgeOptions = {}) {
    this.desks = config.desks.flatMap((d) => (d.bus ? [{ desk: d.number, line: d.bus.line ?? 0, address: d.bus.address }] : []));
  }

  async attach(ports: HubPorts): Promise<void> {
    this.ports = ports;
    const configs = busesOf(this.config);
    const contact = this.config.alerts.sources.includes('busContact') ? this.config.alerts.busContact : undefined;
    for (const [line, c] of configs.entries()) {
      const watch = this.desks.filter((d) => d.line === line).map((d) => d.address);
      const bus = new DeskBus({ watch, ...this.options.bus, path: c.path, baudRate: c.baudRate, driver: DRIVERS[c.driver] });
      this.buses.push(bus);
      const id = `deskBus:${line}`;
      bus.on('line', ({ up, detail }) => {
        ports.devices.report({ id, kind: 'deskBus', name: bus.name, state: up ? 'ok' : 'down', detail });
        if (up) this.refresh(line);
      });
      const contactHere = contact !== undefined && contact.line === line;
      if (contactHere && !DRIVERS[c.driver].contacts) ports.log.child({ component: 'deskBus' }).warn({ line, driver: c.driver }, 'this bus has no contact modules; the busContact source is off');
      else if (contactHere) {
        this.contact = new BusContact(bus, contact, ports);
        this.contact.start();
      }
      bus.on('device', ({ address, up, detail }) => {
        // The contact module reports its own health, as an alert source.
        if (contactHere && address === contact.address) return;
        const desk = this.desks.find((d) => d.line === line && d.address === address);
        ports.devices.report({
          id: `display:${line}:${address}`,
          kind: 'display',
          name: desk ? `desk ${desk.desk} display and keypad (address ${address})` : `address ${address}`,
          state: up ? 'ok' : 'down',
          detail: up ? detail : `NO_ACK: ${detail}`,
        });
      });
      bus.on('press', (p) => void this.press(line, p));
      ports.devices.report({ id, kind: 'deskBus', name: bus.name, state: 'down', detail: 'opening' });
    }
    ports.floor.on('change', this.onChange);
    await Promise.all(this.buses.map((b) => b.start()));
  }

  /** What a desk's display should show now, from the floor. */
  private wanted(desk: number): DisplayCommand {
    const state = this.ports!.floor.state();
    if (alertView(state).freezes) return { kind: 'alert' };
    const view = deskView(state, desk);
    if (view.status === 'paused') return { kind: 'text', text: PAUSE_TEXT };
    if (view.current && ['called', 'serving'].includes(view.current.state)) return { kind: 'number', number: view.current.number, blink: 0 };
    return { kind: 'clear' };
  }

  private send(d: DeskOnBus, command: DisplayCommand, force = false): void {
    const key = JSON.stringify(command.kind === 'number' ? { ...command, blink: 0 } : command);
    if (!force && this.shown.get(d.desk) === key) return;
    this.shown.set(d.desk, key);
    const bus = this.buses[d.line];
    if (!bus) return;
    void bus.send(d.address, command).then((r) => {
      // Not shown after all: send it again on the next change or reconnect.
      if (!r.ok) this.shown.delete(d.desk);
    });
  }

  private show({ patch }: FloorChange): void {
    const called = new Set<number>();
    for (const call of patch.calls) {
      const d = this.desks.find((x) => x.desk === call.desk);
      if (!d) continue;
      called.add(d.desk);
      this.send(d, { kind: 'number', number: call.number, blink: CALL_BLINKS }, true);
    }
    const touched = new Set<number>(patch.desks.map((d) => d.number));
    for (const v of patch.visits) if (v.desk !== null) touched.add(v.desk);
    const all = patch.alert !== null;
    for (const d of this.desks) if ((all || touched.has(d.desk)) && !called.has(d.desk)) this.send(d, this.wanted(d.desk));
  }

  /** After a line comes back, show every display what it should. */
  private refresh(line: number): void {
    if (!this.ports) return;
    for (const d of this.desks) if (d.line === line) this.send(d, this.wanted(d.desk), true);
  }

  private async press(line: number, p: KeyPress): Promise<void> {
    const ports = this.ports;
    if (!ports) return;
    const d = this.desks.find((x) => x.line === line && x.address === p.address);
    if (!d) {
      ports.log.child({ component: 'deskBus' }).warn({ key: p.key, address: p.address, line }, 'a key press from an address no desk has');
      return;
    }
    const slot = `${line}:${p.address}`;
    const last = this.presses.get(slot);
    let commandId: string;
    if (p.repeat && last && last.key === p.key) commandId = last.commandId;
    else {
      // Bus, address, sequence number, when the press first came and a count: unique, and the same for every resend.
      commandId = `kp-${line}-${p.address}-${p.seq ?? 'x'}-${ports.now().toString(36)}-${(++this.pressCount).toString(36)}`;
      this.presses.set(slot, { seq: p.seq, key: p.key, commandId });
    }
    const ack = await ports.dispatch({ role: 'desk', id: `desk:${d.desk}`, desk: d.desk }, EVENT_OF[p.key], { commandId });
    if (!ack.ok) ports.log.child({ component: 'deskBus' }).debug({ desk: d.desk, key: p.key, code: ack.error.code }, 'a keypad command refused (logged as a refused command)');
  }

  async close(): Promise<void> {
    this.contact?.stop();
    this.ports?.floor.off('change', this.onChange);
    await Promise.all(this.buses.map((b) => b.close()));
  }
}
