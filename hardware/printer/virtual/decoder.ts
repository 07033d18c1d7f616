/**
 * An ESC/POS decoder for the virtual printer: it reads what a real printer would (text in the
 * selected code page, alignment, size, bold, QR, cut, DLE EOT) and refuses any byte it does not
 * understand, so a test fails on a command the encoder should not have sent. It is incremental: a
 * command split across TCP packets waits for the rest.
 */
import { decodeByte, type Codepage } from '../codepages.js';
import type { Align } from '../ticketLayout.js';

export interface PrintedLine {
  text: string;
  align: Align;
  width: number;
  height: number;
  bold: boolean;
}

export type PrintedItem = { kind: 'text'; line: PrintedLine } | { kind: 'qr'; data: string; cellSize: number } | { kind: 'feed' };

/** One ticket as the virtual printer received it, from the first byte to the cut. */
export interface DecodedTicket {
  items: PrintedItem[];
  /** The text lines only, for tests and humans. */
  lines: string[];
  qr: string[];
  /** The code page each ESC t selected, in order. */
  codepages: Codepage[];
  cut: 'full' | 'partial';
  bytes: Buffer;
}

export type DecodeEvent = { kind: 'ticket'; ticket: DecodedTicket } | { kind: 'status'; n: number };

export class DecodeError extends Error {
  readonly code = 'UNKNOWN_COMMAND';
  constructor(readonly offset: number, readonly byte: number, detail: string) {
    super(`byte 0x${byte.toString(16).padStart(2, '0')} at ${offset}: ${detail}`);
  }
}

const INCOMPLETE = Symbol('incomplete');
/** ESC commands with one argument byte that the decoder knows: t a E ! d 3 - M. */
const ESC_WITH_ARG = new Set([0x74, 0x61, 0x45, 0x21, 0x64, 0x33, 0x2d, 0x4d]);
const GS_KNOWN = new Set([0x21, 0x42, 0x56, 0x28]);

export class EscPosDecoder {
  private pending: Buffer = Buffer.alloc(0);
  private ticketBytes: Buffer[] = [];
  private offset = 0;
  private codepage: Codepage | null = null;
  private align: Align = 'left';
  private width = 1;
  private height = 1;
  private bold = false;
  private line = '';
  private items: PrintedItem[] = [];
  private qr: string[] = [];
  private pages: Codepage[] = [];
  private qrData: string | null = null;
  private qrCell = 3;

  /** `escT` maps the ESC t numbers this printer knows to code pages (its vendor's numbering). */
  constructor(private readonly escT: ReadonlyMap<number, Codepage>) {}

  /** Feeds bytes; returns what completed. Throws DecodeError on a byte it does not understand. */
  feed(chunk: Buffer): DecodeEvent[] {
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    const events: DecodeEvent[] = [];
    let i = 0;
    while (i < this.pending.length) {
      const before = events.length;
      const used = this.step(this.pending, i, events);
      if (used === INCOMPLETE) break;
      const made = events.length > before ? events[events.length - 1]!.kind : null;
      const ticket = made === 'ticket';
      // A status request is not part of any ticket's bytes.
      if (made !== 'status') this.ticketBytes.push(Buffer.from(this.pending.subarray(i, i + used)));
      i += used;
      this.offset += used;
      if (ticket) {
        const last = events[events.length - 1] as { kind: 'ticket'; ticket: DecodedTicket };
        last.ticket.bytes = Buffer.concat(this.ticketBytes);
        this.ticketBytes = [];
      }
    }
    this.pending = Buffer.from(this.pending.subarray(i));
    return events;
  }

  /** Drops a half-received ticket (the line dropped or the printer was reset). */
  reset(): void {
    this.pending = Buffer.alloc(0);
    this.ticketBytes = [];
    this.items = [];
    this.qr = [];
    this.pages = [];
    this.line = '';
    this.modes();
  }

  private modes(): void {
    this.align = 'left';
    this.width = 1;
    this.height = 1;
    this.bold = false;
  }

  private flushLine(): void {
    this.items.push({ kind: 'text', line: { text: this.line, align: this.align, width: this.width, height: this.height, bold: this.bold } });
    this.line = '';
  }

  private fail(b: number, detail: string, at = 0): never {
    throw new DecodeError(this.offset + at, b, detail);
  }

  /** Consumes one command at `i`; returns its length. */
  private step(buf: Buffer, i: number, events: DecodeEvent[]): number | typeof INCOMPLETE {
    const b = buf[i]!;
    const need = (n: number) => i + n <= buf.length;
    const arg = (k: number) => buf[i + k]!;
    if (b === 0x0a) {
      if (this.line) this.flushLine();
      else this.items.push({ kind: 'feed' });
      return 1;
    }
    if (b >= 0x20 && b !== 0x7f) {
      if (!this.codepage && b >= 0x80) this.fail(b, 'text above 0x7F before any ESC t');
      const ch = decodeByte(b, this.codepage ?? 'wpc1251');
      if (ch === null) this.fail(b, `not a character in ${this.codepage}`);
      this.line += ch;
      return 1;
    }
    if (b === 0x10) {
      // DLE EOT n: real-time status request.
      if (!need(3)) return INCOMPLETE;
      if (arg(1) !== 0x04 || arg(2) < 1 || arg(2) > 4) this.fail(b, 'only DLE EOT 1–4 is known');
      events.push({ kind: 'status', n: arg(2) });
      return 3;
    }
    if (b === 0x1c) {
      if (!need(2)) return INCOMPLETE;
      if (arg(1) === 0x2e) return 1 + 1; // FS .: leave double-byte mode (we never enter it)
      this.fail(b, `FS 0x${arg(1).toString(16)} is not known`);
    }
    if (b === 0x1b) {
      if (!need(2)) return INCOMPLETE;
      const c = arg(1);
      if (c === 0x40) {
        this.modes();
        this.codepage = null;
        return 2;
      }
      if (c === 0x32) return 2; // ESC 2: default line spacing
      if (!ESC_WITH_ARG.has(c)) this.fail(c, `ESC 0x${c.toString(16)} is not known`, 1);
      if (!need(3)) return INCOMPLETE;
      const n = arg(2);
      switch (c) {
        case 0x74: {
          const page = this.escT.get(n);
          if (!page) this.fail(n, `ESC t ${n} is not a code page this printer knows`, 2);
          this.codepage = page;
          this.pages.push(page);
          return 3;
        }
        case 0x61:
          if (n > 2 && (n < 48 || n > 50)) this.fail(n, 'ESC a takes 0–2', 2);
          this.align = (['left', 'center', 'right'] as const)[n % 48]!;
          return 3;
        case 0x45:
          this.bold = (n & 1) === 1;
          return 3;
        case 0x21:
          this.width = n & 0x20 ? 2 : 1;
          this.height = n & 0x10 ? 2 : 1;
          this.bold = (n & 0x08) !== 0;
          return 3;
        case 0x64:
          if (this.line) this.flushLine();
          for (let k = 0; k < n; k++) this.items.push({ kind: 'feed' });
          return 3;
        case 0x33: // ESC 3 n: line spacing
        case 0x2d: // ESC - n: underline
        case 0x4d: // ESC M n: font
          return 3;
        default:
          this.fail(c, `ESC 0x${c.toString(16)} is not known`, 1);
      }
    }
    if (b === 0x1d) {
      if (!need(2)) return INCOMPLETE;
      if (!GS_KNOWN.has(arg(1))) this.fail(arg(1), `GS 0x${arg(1).toString(16)} is not known`, 1);
      if (!need(3)) return INCOMPLETE;
      const c = arg(1);
      const n = arg(2);
      if (c === 0x21) {
        this.width = (n >> 4) + 1;
        this.height = (n & 0x0f) + 1;
        if (this.width > 8 || this.height > 8) this.fail(n, 'GS ! size above 8', 2);
        return 3;
      }
      if (c === 0x42) return 3; // GS B: reverse
      if (c === 0x56) {
        if (n === 0 || n === 1 || n === 48 || n === 49) return this.cut(events, n % 48 === 0 ? 'full' : 'partial', 3);
        if (n === 65 || n === 66) {
          if (!need(4)) return INCOMPLETE;
          return this.cut(events, n === 65 ? 'full' : 'partial', 4);
        }
        this.fail(n, 'GS V mode not known', 2);
      }
      if (c === 0x28 && n === 0x6b) return this.qrCommand(buf, i);
      this.fail(c, `GS 0x${c.toString(16)} is not known`, 1);
    }
    return this.fail(b, 'not a printable byte nor a known command');
  }

  /** GS ( k pL pH cn fn [...]: only QR (cn = 0x31) functions 65, 67, 69, 80, 81. */
  private qrCommand(buf: Buffer, i: number): number | typeof INCOMPLETE {
    if (i + 7 > buf.length) return INCOMPLETE;
    const len = buf[i + 3]! + buf[i + 4]! * 256;
    if (i + 5 + len > buf.length) return INCOMPLETE;
    const cn = buf[i + 5]!;
    const fn = buf[i + 6]!;
    if (cn !== 0x31) this.fail(cn, 'GS ( k: only QR (cn 49) is known', 5);
    const body = buf.subarray(i + 7, i + 5 + len);
    switch (fn) {
      case 0x41: // model
      case 0x45: // error correction
        break;
      case 0x43:
        this.qrCell = body[0] ?? 3;
        break;
      case 0x50: {
        if (body[0] !== 0x30) this.fail(body[0] ?? 0, 'QR store needs m = 48', 7);
        const data = body.subarray(1);
        for (const d of data) if (d < 0x20 || d > 0x7e) this.fail(d, 'a QR payload byte outside printable ASCII', 8);
        this.qrData = data.toString('latin1');
        break;
      }
      case 0x51:
        if (this.qrData === null) this.fail(fn, 'QR print with nothing stored', 6);
        if (this.line) this.flushLine();
        this.items.push({ kind: 'qr', data: this.qrData, cellSize: this.qrCell });
        this.qr.push(this.qrData);
        this.qrData = null;
        break;
      default:
        this.fail(fn, `QR function ${fn} is not known`, 6);
    }
    return 5 + len;
  }

  private cut(events: DecodeEvent[], cut: 'full' | 'partial', length: number): number {
    if (this.line) this.flushLine();
    const items = this.items;
    events.push({
      kind: 'ticket',
      ticket: {
        items,
        lines: items.flatMap((it) => (it.kind === 'text' ? [it.line.text] : [])),
        qr: this.qr,
        codepages: this.pages,
        cut,
        bytes: Buffer.alloc(0),
      },
    });
    this.items = [];
    this.qr = [];
    this.pages = [];
    return length;
  }
}
