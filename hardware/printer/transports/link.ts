/**
 * How bytes reach a printer. A two-way link can also ask for status (DLE EOT) and read the answer;
 * a one-way link (the spooler, a USB device file) can only send.
 */
import type { Duplex } from 'node:stream';
import { closeLine } from '../../serial/line.js';

export type LinkErrorCode = 'OFFLINE' | 'DISCONNECTED' | 'NO_ANSWER';

export class LinkError extends Error {
  constructor(readonly code: LinkErrorCode, message: string) {
    super(message);
  }
}

export interface PrinterLink {
  readonly twoWay: boolean;
  readonly name: string;
  send(bytes: Buffer): Promise<void>;
  /** Sends a real-time request and resolves with the one byte it answers. */
  ask(request: Buffer, timeoutMs: number): Promise<number>;
  close(): Promise<void>;
}

/**
 * A link over any byte stream (TCP socket, serial port): opened on first use and again after it
 * drops; answers are matched to questions in order, and a byte nobody asked for is dropped.
 */
export class StreamLink implements PrinterLink {
  readonly twoWay = true;
  private stream: Duplex | null = null;
  private opening: Promise<Duplex> | null = null;
  private waiting: { resolve: (b: number) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }[] = [];
  private closed = false;

  constructor(readonly name: string, private readonly open: () => Promise<Duplex>) {}

  private connect(): Promise<Duplex> {
    if (this.closed) return Promise.reject(new LinkError('DISCONNECTED', `${this.name} is closed`));
    if (this.stream) return Promise.resolve(this.stream);
    this.opening ??= this.open().then(
      (stream) => {
        this.opening = null;
        this.stream = stream;
        stream.on('data', (chunk: Buffer) => {
          for (const b of chunk) this.waiting.shift()?.resolve(b);
        });
        const drop = () => {
          if (this.stream !== stream) return;
          this.stream = null;
          void closeLine(stream);
          for (const w of this.waiting.splice(0)) w.reject(new LinkError('DISCONNECTED', `${this.name} dropped`));
        };
        stream.on('close', drop);
        stream.on('error', drop);
        return stream;
      },
      (err: Error) => {
        this.opening = null;
        throw new LinkError('OFFLINE', `${this.name}: ${err.message}`);
      },
    );
    return this.opening;
  }

  async send(bytes: Buffer): Promise<void> {
    const stream = await this.connect();
    await new Promise<void>((resolve, reject) => {
      stream.write(bytes, (err) => (err ? reject(new LinkError('DISCONNECTED', `${this.name}: ${err.message}`)) : resolve()));
    });
  }

  async ask(request: Buffer, timeoutMs: number): Promise<number> {
    const stream = await this.connect();
    return new Promise<number>((resolve, reject) => {
      const entry = {
        resolve: (b: number) => {
          clearTimeout(entry.timer);
          resolve(b);
        },
        reject: (e: Error) => {
          clearTimeout(entry.timer);
          reject(e);
        },
        timer: setTimeout(() => {
          this.waiting = this.waiting.filter((w) => w !== entry);
          reject(new LinkError('NO_ANSWER', `${this.name} did not answer in ${timeoutMs} ms`));
        }, timeoutMs),
      };
      this.waiting.push(entry);
      stream.write(request);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    const stream = this.stream;
    this.stream = null;
    for (const w of this.waiting.splice(0)) w.reject(new LinkError('DISCONNECTED', `${this.name} is closed`));
    if (stream) await closeLine(stream);
  }
}
