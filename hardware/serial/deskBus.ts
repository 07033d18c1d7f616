/**
 * The hub's end of one desk bus: opens the serial line, sends display commands one at a time and
 * waits for the device's ack (retrying), reads keypad presses and contact reports and acks them, and
 * tells its owner which devices answer. A line that drops (the USB adapter pulled) is reopened until
 * it is back. A contact module's answer to a query is its contact report, which stands for the ack.
 */
import { EventEmitter } from 'node:events';
import { performance } from 'node:perf_hooks';
import type { Duplex } from 'node:stream';
import { SerialPort } from 'serialport';
import type { BusDriver, DeviceFrame, DisplayCommand, FrameReader, Key } from './busTypes.js';
import { closeLine, watchPresence } from './line.js';

export type BusErrorCode = 'NO_ACK' | 'DISCONNECTED' | 'CLOSED';
export type SendResult = { ok: true; attempts: number; ms: number } | { ok: false; code: BusErrorCode };

export interface KeyPress {
  address: number;
  key: Key;
  seq: number | null;
  /** True when this is the same press sent again because our ack was lost. */
  repeat: boolean;
}

export interface ContactReport {
  address: number;
  closed: boolean;
  seq: number;
  /** True when this report was already read (the module resent it, or answered a query with it). */
  repeat: boolean;
}

export interface DeskBusOptions {
  path: string;
  baudRate?: number;
  driver: BusDriver;
  /** Wait for an ack this long per attempt. */
  ackTimeoutMs?: number;
  attempts?: number;
  reopenEveryMs?: number;
  /** How a press without a sequence number is told from a retransmission (QSystem). */
  repeatWindowMs?: number;
  /** Opens the line; a SerialPort by default (tests may pass another binding's port). */
  open?: (path: string, baudRate: number) => Promise<Duplex>;
  /**
   * Devices to watch while idle (the desks' displays and keypads): one not heard from for this long
   * is pinged, so one that died between calls shows down within twice this. 0 turns it off.
   */
  watch?: readonly number[];
  pingIdleEveryMs?: number;
}

export function openSerial(path: string, baudRate: number): Promise<Duplex> {
  return new Promise((resolve, reject) => {
    const port = new SerialPort({ path, baudRate, autoOpen: false });
    port.open((err) => (err ? reject(err) : resolve(port)));
  });
}

interface Outgoing {
  address: number;
  bytes: Buffer;
  query: boolean;
  resolve: (r: SendResult) => void;
}

export class DeskBus extends EventEmitter<{
  press: [KeyPress];
  contact: [ContactReport];
  line: [{ up: boolean; detail: string }];
  device: [{ address: number; up: boolean; detail: string }];
  /** Each command's outcome as it is known, with its bytes (for the bench's wire time). */
  sent: [{ address: number; command: DisplayCommand; bytes: number; result: SendResult }];
}> {
  private port: Duplex | null = null;
  private stopWatching: () => void = () => undefined;
  private reader: FrameReader<DeviceFrame>;
  private readonly queue: Outgoing[] = [];
  private inFlight: { address: number; query: boolean; onAck: () => void } | null = null;
  private sending = false;
  private closed = false;
  private reopenTimer: NodeJS.Timeout | null = null;
  private pingTimer: NodeJS.Timeout | null = null;
  /** When each device was last heard (any frame or ack), by performance.now(). */
  private readonly lastHeard = new Map<number, number>();
  private readonly deviceUp = new Map<number, boolean>();
  private readonly lastPress = new Map<number, { key: Key; seq: number | null; at: number }>();
  private readonly lastContact = new Map<number, { closed: boolean; seq: number }>();
  private readonly ackTimeoutMs: number;
  private readonly attempts: number;
  private readonly reopenEveryMs: number;
  private readonly repeatWindowMs: number;
  lineUp = false;

  constructor(private readonly options: DeskBusOptions) {
    super();
    this.reader = options.driver.deviceReader();
    this.ackTimeoutMs = options.ackTimeoutMs ?? 150;
    this.attempts = options.attempts ?? 3;
    this.reopenEveryMs = options.reopenEveryMs ?? 1000;
    this.repeatWindowMs = options.repeatWindowMs ?? 400;
  }

  get name(): string {
    return `${this.options.driver.name} bus ${this.options.path}`;
  }

  /** Noise bytes skipped since the line was opened. */
  get skipped(): number {
    return this.reader.skipped;
  }

  /** Opens the line; when it cannot, keeps trying in the background and resolves false. */
  async start(): Promise<boolean> {
    const every = this.options.pingIdleEveryMs ?? 30_000;
    if (every > 0 && this.options.watch?.length && !this.pingTimer) {
      this.pingTimer = setInterval(() => this.pingIdle(every), every);
      this.pingTimer.unref();
    }
    return this.openLine();
  }

  /** Pings each watched device not heard from within `every`; a silent one is marked down by the send. */
  private pingIdle(every: number): void {
    if (!this.port || this.closed) return;
    const now = performance.now();
    for (const address of this.options.watch ?? []) {
      if (now - (this.lastHeard.get(address) ?? -Infinity) < every) continue;
      if (this.queue.some((j) => j.address === address)) continue;
      void this.send(address, { kind: 'ping' });
    }
  }

  private async openLine(): Promise<boolean> {
    if (this.closed) return false;
    try {
      const port = await (this.options.open ?? openSerial)(this.options.path, this.options.baudRate ?? 9600);
      if (this.closed) {
        await closeLine(port);
        return false;
      }
      this.port = port;
      this.reader = this.options.driver.deviceReader();
      port.on('data', (chunk: Buffer) => this.onData(chunk));
      const drop = (why: string) => this.lineDown(port, why);
      port.on('close', () => drop('the line closed'));
      port.on('error', (err: Error) => drop(err.message));
      this.stopWatching = watchPresence(this.options.path, () => drop('the device is gone'));
      this.setLine(true, 'open');
      void this.pump();
      return true;
    } catch (err) {
      this.setLine(false, (err as Error).message);
      this.scheduleReopen();
      return false;
    }
  }

  private lineDown(port: Duplex, why: string): void {
    if (this.port !== port) return;
    this.port = null;
    this.stopWatching();
    void closeLine(port);
    this.inFlight = null;
    this.setLine(false, why);
    this.scheduleReopen();
  }

  private scheduleReopen(): void {
    if (this.closed || this.reopenTimer) return;
    this.reopenTimer = setTimeout(() => {
      this.reopenTimer = null;
      void this.openLine();
    }, this.reopenEveryMs);
    this.reopenTimer.unref();
  }

  private setLine(up: boolean, detail: string): void {
    if (up === this.lineUp && up) return;
    const changed = up !== this.lineUp;
    this.lineUp = up;
    if (changed || !up) this.emit('line', { up, detail });
  }

  private setDevice(address: number, up: boolean, detail: string): void {
    if (this.deviceUp.get(address) === up) return;
    this.deviceUp.set(address, up);
    this.emit('device', { address, up, detail });
  }

  private onData(chunk: Buffer): void {
    for (const f of this.reader.push(chunk)) {
      this.lastHeard.set(f.address, performance.now());
      if (f.kind === 'ack') {
        // A query wants the state, so only a contact report answers it.
        if (this.inFlight?.address === f.address && !this.inFlight.query) this.inFlight.onAck();
        continue;
      }
      this.setDevice(f.address, true, 'answers');
      if (f.kind === 'contact') {
        this.port?.write(this.options.driver.ackPress(f.address, f.seq));
        if (this.inFlight?.address === f.address && this.inFlight.query) this.inFlight.onAck();
        const last = this.lastContact.get(f.address);
        const repeat = !!last && last.seq === f.seq && last.closed === f.closed;
        this.lastContact.set(f.address, { closed: f.closed, seq: f.seq });
        this.emit('contact', { address: f.address, closed: f.closed, seq: f.seq, repeat });
        continue;
      }
      // Ack first, at once, so the keypad stops resending whatever we do with the press.
      this.port?.write(this.options.driver.ackPress(f.address, f.seq));
      const now = performance.now();
      const last = this.lastPress.get(f.address);
      const repeat = !!last && last.key === f.key && (f.seq !== null ? last.seq === f.seq : now - last.at < this.repeatWindowMs);
      this.lastPress.set(f.address, { key: f.key, seq: f.seq, at: now });
      this.emit('press', { address: f.address, key: f.key, seq: f.seq, repeat });
    }
  }

  /** Sends a command to one device and waits for its ack, retrying; never throws. */
  send(address: number, command: DisplayCommand): Promise<SendResult> {
    if (this.closed) return Promise.resolve({ ok: false, code: 'CLOSED' });
    const bytes = this.options.driver.command(address, command);
    return new Promise((resolve) => {
      this.queue.push({
        address,
        bytes,
        query: command.kind === 'query',
        resolve: (result) => {
          resolve(result);
          this.emit('sent', { address, command, bytes: bytes.length, result });
        },
      });
      void this.pump();
    });
  }

  private async pump(): Promise<void> {
    if (this.sending) return;
    this.sending = true;
    try {
      while (this.queue.length) {
        const job = this.queue.shift()!;
        job.resolve(await this.transmit(job));
      }
    } finally {
      this.sending = false;
    }
  }

  private async transmit(job: Outgoing): Promise<SendResult> {
    const started = performance.now();
    for (let attempt = 1; attempt <= this.attempts; attempt++) {
      const port = this.port;
      if (!port || this.closed) return { ok: false, code: this.closed ? 'CLOSED' : 'DISCONNECTED' };
      const acked = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => {
          this.inFlight = null;
          resolve(false);
        }, this.ackTimeoutMs);
        this.inFlight = {
          address: job.address,
          query: job.query,
          onAck: () => {
            clearTimeout(timer);
            this.inFlight = null;
            resolve(true);
          },
        };
        port.write(job.bytes);
      });
      if (acked) {
        this.setDevice(job.address, true, 'answers');
        return { ok: true, attempts: attempt, ms: performance.now() - started };
      }
    }
    if (!this.port) return { ok: false, code: 'DISCONNECTED' };
    this.setDevice(job.address, false, `no ack after ${this.attempts} attempts`);
    return { ok: false, code: 'NO_ACK' };
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.reopenTimer) clearTimeout(this.reopenTimer);
    if (this.pingTimer) clearInterval(this.pingTimer);
    for (const job of this.queue.splice(0)) job.resolve({ ok: false, code: 'CLOSED' });
    this.stopWatching();
    const port = this.port;
    this.port = null;
    if (port) await closeLine(port);
  }
}
