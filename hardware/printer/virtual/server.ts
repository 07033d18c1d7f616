/**
 * The virtual printer: a TCP server that behaves like a network thermal printer on port 9100. It
 * decodes the ESC/POS it receives, answers DLE EOT with the state a test or a person sets (paper out,
 * cover open...), keeps each ticket, and renders it as a PNG when given a folder. A printer with paper
 * out or an open cover prints nothing, so what arrives meanwhile is dropped, as on the real one.
 */
import { EventEmitter } from 'node:events';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Codepage } from '../codepages.js';
import { EPSON_ESC_T } from '../profile.js';
import { blocks, CLEAN, problemOf, statusAnswer, type PrinterStatus } from '../status.js';
import { DecodeError, EscPosDecoder, type DecodedTicket } from './decoder.js';
import { renderTicketPng } from './png.js';

export interface VirtualPrinterOptions {
  host?: string;
  port?: number;
  /** The ESC t numbers it knows; Epson's by default. */
  escT?: ReadonlyMap<number, Codepage>;
  columns?: number;
  /** Where to keep a PNG of every ticket; none when absent. */
  pngDir?: string;
}

export interface PrintedTicket extends DecodedTicket {
  /** performance.now() when the cut arrived: the ticket's last byte. */
  receivedAt: number;
  png: string | null;
}

export interface VirtualState extends PrinterStatus {
  /** Not answering at all, like a printer switched off behind a live switch port. */
  silent: boolean;
}

export function epsonEscT(): Map<number, Codepage> {
  return new Map(Object.entries(EPSON_ESC_T).map(([page, n]) => [n, page as Codepage]));
}

export class VirtualPrinter extends EventEmitter<{ ticket: [PrintedTicket]; dropped: [DecodedTicket]; refused: [DecodeError] }> {
  readonly tickets: PrintedTicket[] = [];
  readonly refused: DecodeError[] = [];
  state: VirtualState = { ...CLEAN, silent: false };
  private readonly server = createServer((socket) => this.serve(socket));
  private readonly sockets = new Set<Socket>();
  private count = 0;
  port = 0;

  constructor(private readonly options: VirtualPrinterOptions = {}) {
    super();
  }

  async listen(): Promise<this> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.options.port ?? 0, this.options.host ?? '127.0.0.1', () => resolve());
    });
    this.port = (this.server.address() as AddressInfo).port;
    if (this.options.pngDir) mkdirSync(this.options.pngDir, { recursive: true });
    return this;
  }

  get address(): string {
    return `${this.options.host ?? '127.0.0.1'}:${this.port}`;
  }

  set(state: Partial<VirtualState>): void {
    this.state = { ...this.state, ...state };
  }

  /** The next ticket printed from now on. */
  nextTicket(timeoutMs = 5000): Promise<PrintedTicket> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ticket within ${timeoutMs} ms`)), timeoutMs);
      this.once('ticket', (t) => {
        clearTimeout(timer);
        resolve(t);
      });
    });
  }

  private serve(socket: Socket): void {
    this.sockets.add(socket);
    socket.setNoDelay(true);
    const decoder = new EscPosDecoder(this.options.escT ?? epsonEscT());
    socket.on('data', (chunk: Buffer) => {
      let events;
      try {
        events = decoder.feed(chunk);
      } catch (err) {
        if (!(err instanceof DecodeError)) throw err;
        this.refused.push(err);
        this.emit('refused', err);
        decoder.reset();
        return;
      }
      for (const e of events) {
        if (e.kind === 'status') {
          if (!this.state.silent) socket.write(Buffer.from([statusAnswer(e.n, this.state)]));
        } else if (this.state.silent || blocks(problemOf(this.state))) {
          this.emit('dropped', e.ticket);
        } else {
          this.keep(e.ticket);
        }
      }
    });
    socket.on('error', () => {});
    socket.on('close', () => this.sockets.delete(socket));
  }

  private keep(ticket: DecodedTicket): void {
    const receivedAt = performance.now();
    let png: string | null = null;
    if (this.options.pngDir) {
      png = join(this.options.pngDir, `ticket-${new Date().toISOString().replace(/[:.]/g, '-')}-${++this.count}.png`);
      writeFileSync(png, renderTicketPng(ticket, this.options.columns ?? 48));
    }
    const printed = { ...ticket, receivedAt, png };
    this.tickets.push(printed);
    this.emit('ticket', printed);
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

export async function startVirtualPrinter(options: VirtualPrinterOptions = {}): Promise<VirtualPrinter> {
  return new VirtualPrinter(options).listen();
}
