/**
 * Desk devices on the far end of a serial line, for the demo and the tests: an LED display and a
 * keypad at each address, and contact modules (a dry-contact input) at their own addresses. Displays
 * ack every command addressed to them and remember what they show; a keypad press is sent with a
 * sequence number and resent until the hub acks it; a contact module reports each change the same
 * way and answers the hub's query with its state. An address can be made silent (a dead device) and
 * the line can be fed noise.
 */
import { EventEmitter } from 'node:events';
import type { Duplex } from 'node:stream';
import type { BusDriver, DisplayCommand, Key } from './busTypes.js';
import { openSerial } from './deskBus.js';
import { closeLine, watchPresence } from './line.js';

export interface DisplayState {
  text: string;
  blinks: number;
  alert: boolean;
}

export interface SimulatorOptions {
  path: string;
  baudRate?: number;
  driver: BusDriver;
  addresses: number[];
  /** Contact modules (Talon driver only): address → whether the contact starts closed. */
  contacts?: Record<number, boolean>;
  /** How often an unacked press is resent, and how many times. */
  resendEveryMs?: number;
  resends?: number;
  /**
   * Holds each answer for the time the command and the ack would take on a real line at this speed
   * (10 bits a byte), since a pty passes bytes at once whatever its baud rate.
   */
  wireBaud?: number;
  open?: (path: string, baudRate: number) => Promise<Duplex>;
}

export interface ContactState {
  closed: boolean;
  /** The sequence number of the last change, sent with every report of it. */
  seq: number;
}

export class DeviceSimulator extends EventEmitter<{ display: [number, DisplayState, DisplayCommand]; acked: [number]; lineDown: [string] }> {
  readonly displays = new Map<number, DisplayState>();
  readonly contacts = new Map<number, ContactState>();
  readonly silent = new Set<number>();
  /** Sends each press (and contact report) twice, as a device whose ack was lost would. */
  duplicatePresses = false;
  private port: Duplex | null = null;
  private readonly reader;
  private seq = 0;
  /** The unacked press or contact report per address, with its sequence number. */
  private stopWatching: () => void = () => undefined;
  private readonly pending = new Map<number, { seq: number; timer: NodeJS.Timeout; resolve: (acked: boolean) => void }>();

  constructor(private readonly options: SimulatorOptions) {
    super();
    this.reader = options.driver.hubReader();
    for (const a of options.addresses) this.displays.set(a, { text: '', blinks: 0, alert: false });
    for (const [a, closed] of Object.entries(options.contacts ?? {})) {
      if (!options.driver.contact(Number(a), closed, 0)) throw new RangeError(`the ${options.driver.name} driver has no contact module`);
      this.contacts.set(Number(a), { closed, seq: 0 });
    }
  }

  async start(): Promise<this> {
    this.port = await (this.options.open ?? openSerial)(this.options.path, this.options.baudRate ?? 9600);
    const port = this.port;
    port.on('data', (chunk: Buffer) => this.onData(chunk));
    // A line that fails is closed at once: a dead pty left open makes the poller spin.
    const down = (why: string) => {
      if (this.port !== port) return;
      this.port = null;
      this.stopWatching();
      void closeLine(port);
      this.emit('lineDown', why);
    };
    port.on('error', (err: Error) => down(err.message));
    port.on('close', () => down('the line closed'));
    this.stopWatching = watchPresence(this.options.path, () => down('the device is gone'));
    return this;
  }

  private answers(address: number): boolean {
    return (this.displays.has(address) || this.contacts.has(address)) && !this.silent.has(address);
  }

  private onData(chunk: Buffer): void {
    for (const f of this.reader.push(chunk)) {
      if (!this.answers(f.address)) continue;
      if (f.kind === 'ack') {
        const p = this.pending.get(f.address);
        // An ack names the report's sequence number; a late ack of an older report is not ours.
        if (p && (f.seq === null || f.seq === p.seq)) {
          clearTimeout(p.timer);
          this.pending.delete(f.address);
          p.resolve(true);
          this.emit('acked', f.address);
        } else if (this.options.driver.name === 'qsystem') {
          // A QSystem ACK with no press pending is the hub asking whether we are there.
          this.port?.write(this.options.driver.ack(f.address));
        }
        continue;
      }
      const contact = this.contacts.get(f.address);
      if (contact) {
        // A contact module answers its query with its state and ignores every other command.
        if (f.command.kind === 'query') this.port?.write(this.options.driver.contact(f.address, contact.closed, contact.seq)!);
        continue;
      }
      if (f.command.kind === 'query') continue;
      const answer = () => {
        const ack = this.options.driver.ack(f.address);
        this.port?.write(ack);
        const state = this.apply(this.displays.get(f.address)!, f.command);
        this.displays.set(f.address, state);
        this.emit('display', f.address, state, f.command);
      };
      const baud = this.options.wireBaud;
      if (!baud) answer();
      else {
        const bytes = this.options.driver.command(f.address, f.command).length + this.options.driver.ack(f.address).length;
        setTimeout(answer, (bytes * 10 * 1000) / baud);
      }
    }
  }

  private apply(s: DisplayState, c: DisplayCommand): DisplayState {
    switch (c.kind) {
      case 'number':
        return { text: String(c.number), blinks: c.blink, alert: false };
      case 'blink':
        return { ...s, blinks: c.times };
      case 'clear':
        return { text: '', blinks: 0, alert: false };
      case 'text':
        return { text: c.text, blinks: 0, alert: false };
      case 'alert':
        return { ...s, alert: true };
      case 'ping':
      case 'query':
        return s;
    }
  }

  /** Presses a key; resolves true once the hub acked it, false when it never did. */
  press(address: number, key: Key): Promise<boolean> {
    const seq = this.seq;
    this.seq = (this.seq + 1) % 100;
    return this.report(address, seq, this.options.driver.press(address, key, seq));
  }

  /**
   * Closes or opens a contact module's input; resolves true once the hub acked the report (at once
   * when nothing changed), false when it never did. The state holds either way, for the next query.
   */
  setContact(address: number, closed: boolean): Promise<boolean> {
    const c = this.contacts.get(address);
    if (!c) throw new RangeError(`no contact module at address ${address}`);
    if (c.closed === closed) return Promise.resolve(true);
    c.closed = closed;
    c.seq = (c.seq + 1) % 100;
    if (this.silent.has(address)) return Promise.resolve(false);
    return this.report(address, c.seq, this.options.driver.contact(address, closed, c.seq));
  }

  /** Sends a report and resends it until the hub acks it. */
  private report(address: number, seq: number, bytes: Buffer | null): Promise<boolean> {
    if (!bytes || !this.port) return Promise.resolve(false);
    const port = this.port;
    const every = this.options.resendEveryMs ?? 200;
    let left = this.options.resends ?? 5;
    // A newer report replaces the one still unacked (its resends stop).
    const older = this.pending.get(address);
    if (older) {
      clearTimeout(older.timer);
      this.pending.delete(address);
      older.resolve(false);
    }
    return new Promise((resolve) => {
      const send = () => {
        port.write(bytes);
        if (this.duplicatePresses) port.write(bytes);
        const timer = setTimeout(() => {
          if (left-- > 0) send();
          else {
            this.pending.delete(address);
            resolve(false);
          }
        }, every);
        this.pending.set(address, { seq, timer, resolve });
      };
      send();
    });
  }

  /** Writes random bytes on the line, as a motor starting next to the cable would. */
  noise(bytes: Buffer): void {
    this.port?.write(bytes);
  }

  async close(): Promise<void> {
    this.stopWatching();
    for (const p of this.pending.values()) clearTimeout(p.timer);
    this.pending.clear();
    const port = this.port;
    this.port = null;
    if (port) await closeLine(port);
  }
}
