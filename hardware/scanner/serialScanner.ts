/**
 * A QR scanner on a serial line (USB CDC): each scan arrives as one line of text ended by CR, LF or
 * both. A line with a byte outside printable ASCII, or longer than a booking code can be, is noise and
 * is dropped; so is the same code read again within `repeatMs` (a scanner held over a phone screen
 * reads it several times). A line that drops is reopened.
 */
import { EventEmitter } from 'node:events';
import { performance } from 'node:perf_hooks';
import type { Duplex } from 'node:stream';
import { closeLine, watchPresence } from '../serial/line.js';

export const MAX_CODE = 64;

export interface ScannerOptions {
  path: string;
  baudRate?: number;
  repeatMs?: number;
  reopenEveryMs?: number;
  open: (path: string, baudRate: number) => Promise<Duplex>;
}

/** Splits bytes into scanned codes; returns the codes completed by `chunk`. */
export class ScanLineReader {
  private line: number[] = [];
  private bad = false;
  rejected = 0;

  push(chunk: Buffer): string[] {
    const out: string[] = [];
    for (const b of chunk) {
      if (b === 0x0d || b === 0x0a) {
        if (this.line.length) {
          const text = Buffer.from(this.line).toString('latin1').trim();
          if (!this.bad && text.length > 0 && text.length <= MAX_CODE) out.push(text);
          else this.rejected++;
        } else if (this.bad) this.rejected++;
        this.line = [];
        this.bad = false;
      } else if (b < 0x20 || b > 0x7e || this.line.length >= MAX_CODE) {
        this.bad = true;
      } else this.line.push(b);
    }
    return out;
  }
}

export class SerialScanner extends EventEmitter<{ code: [string]; line: [{ up: boolean; detail: string }] }> {
  private port: Duplex | null = null;
  private stopWatching: () => void = () => undefined;
  private reader = new ScanLineReader();
  private last: { code: string; at: number } | null = null;
  private closed = false;
  private timer: NodeJS.Timeout | null = null;
  up = false;

  constructor(private readonly options: ScannerOptions) {
    super();
  }

  get rejected(): number {
    return this.reader.rejected;
  }

  async start(): Promise<boolean> {
    if (this.closed) return false;
    try {
      const port = await this.options.open(this.options.path, this.options.baudRate ?? 9600);
      if (this.closed) {
        await closeLine(port);
        return false;
      }
      this.port = port;
      this.reader = new ScanLineReader();
      port.on('data', (chunk: Buffer) => {
        for (const code of this.reader.push(chunk)) this.scanned(code);
      });
        const drop = (detail: string) => {
        if (this.port !== port) return;
        this.port = null;
        this.stopWatching();
        void closeLine(port);
        this.setUp(false, detail);
        this.retry();
      };
      port.on('close', () => drop('the line closed'));
      port.on('error', (e: Error) => drop(e.message));
      this.stopWatching = watchPresence(this.options.path, () => drop('the device is gone'));
      this.setUp(true, 'open');
      return true;
    } catch (err) {
      this.setUp(false, (err as Error).message);
      this.retry();
      return false;
    }
  }

  private scanned(code: string): void {
    const now = performance.now();
    if (this.last && this.last.code === code && now - this.last.at < (this.options.repeatMs ?? 2000)) return;
    this.last = { code, at: now };
    this.emit('code', code);
  }

  private setUp(up: boolean, detail: string): void {
    if (up === this.up) return;
    this.up = up;
    this.emit('line', { up, detail });
  }

  private retry(): void {
    if (this.closed || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.start();
    }, this.options.reopenEveryMs ?? 1000);
    this.timer.unref();
  }

  async close(): Promise<void> {
    this.stopWatching();
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    const port = this.port;
    this.port = null;
    if (port) await closeLine(port);
  }
}
