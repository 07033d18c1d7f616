/**
 * The `busContact` alert source: a contact module on a Talon desk bus whose input is wired to the
 * building's alarm relay. Each change the module reports goes to the hub's alert sources once (a
 * resent report is recognised by its sequence number); the hub also asks the module for its state
 * when the line opens and every `pollEveryMs`, so it learns the state after a restart or a reconnect
 * and notices a module that stopped answering. No answer is no news: the floor keeps its state and
 * the source shows as down.
 */
import type { TalonConfig } from '../config/schema.js';
import type { ContactReport, DeskBus, SendResult } from '../../hardware/serial/deskBus.js';
import type { HubPorts } from './extensions.js';

export const BUS_CONTACT_SOURCE = 'busContact';
export const BUS_CONTACT_DEVICE = 'alerts:busContact';

export type BusContactSettings = NonNullable<TalonConfig['alerts']['busContact']>;

export class BusContact {
  private timer: NodeJS.Timeout | null = null;
  private polling = false;
  private stopped = false;
  private readonly onContact = (r: ContactReport) => this.read(r);
  private readonly onLine = ({ up }: { up: boolean }) => (up ? void this.poll() : this.health('down', 'the bus is down'));

  constructor(
    private readonly bus: DeskBus,
    private readonly settings: BusContactSettings,
    private readonly ports: HubPorts,
  ) {}

  private get name(): string {
    return `alert contact (bus ${this.settings.line}, address ${this.settings.address})`;
  }

  /** Listens before the bus opens, so the first poll goes as soon as the line is up. */
  start(): void {
    this.bus.on('contact', this.onContact);
    this.bus.on('line', this.onLine);
    this.health('down', 'not heard yet');
    this.schedule();
  }

  /** Asks the module for its state; the answer arrives as a contact report. */
  async poll(): Promise<SendResult | null> {
    if (this.polling || this.stopped) return null;
    this.polling = true;
    try {
      const result = await this.bus.send(this.settings.address, { kind: 'query' });
      if (!result.ok && result.code === 'NO_ACK') this.health('down', `NO_ACK: no answer to the query; the floor keeps its alert state`);
      else if (!result.ok && result.code === 'DISCONNECTED') this.health('down', 'the bus is down');
      return result;
    } finally {
      this.polling = false;
    }
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      void this.poll().finally(() => this.schedule());
    }, this.settings.pollEveryMs);
    this.timer.unref();
  }

  private read(r: ContactReport): void {
    if (r.address !== this.settings.address) return;
    const active = (this.settings.closedMeans === 'alert') === r.closed;
    this.health('ok', `${r.closed ? 'closed' : 'open'}: ${active ? 'alert' : 'no alert'}`);
    // A resent report, or a query answered with the report already read: nothing new happened.
    if (r.repeat) return;
    this.ports.log.child({ component: 'busContact' }).info({ closed: r.closed, seq: r.seq, alert: active }, active ? 'contact says alert' : 'contact says no alert');
    // The hub's alert sources keep an alert another source raised until that source says it is over.
    this.ports.alerts.report(BUS_CONTACT_SOURCE, active);
  }

  private health(state: 'ok' | 'down', detail: string): void {
    this.ports.devices.report({ id: BUS_CONTACT_DEVICE, kind: 'alertSource', name: this.name, state, detail });
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.bus.off('contact', this.onContact);
    this.bus.off('line', this.onLine);
  }
}
