/**
 * The Talon desk-bus protocol (DESIGN §7, docs/desk-bus.md): ASCII frames in the style of NMEA.
 *
 *   hub → device   @AA<CMD><payload>*CC\r\n
 *   device → hub   #AA<CMD><payload>*CC\r\n
 *
 * AA is the two-digit address (01–99), CC the XOR of the bytes between the lead character and `*`,
 * in two upper-case hex digits. Payload text is UTF-8 and never contains `@ # * \r \n`.
 *
 * A contact module (a dry-contact input, e.g. the building's alarm relay) reports `#AAI<s><nn>`: s is
 * 1 closed / 0 open, nn the change's sequence number; it sends it on every change and as the answer
 * to the hub's query `@AAQ`, and the hub acks it with `@AAK<nn>` as it acks a key press.
 */
import type { BusDriver, DeviceFrame, DisplayCommand, FrameReader, HubFrame, Key } from './busTypes.js';

export const MAX_FRAME = 64;
export const MAX_TEXT_BYTES = 24;

const KEY_LETTER: Record<Key, string> = { next: 'N', recall: 'R', start: 'S', finish: 'F', noShow: 'X' };
const LETTER_KEY = new Map(Object.entries(KEY_LETTER).map(([k, l]) => [l, k as Key]));

export function checksum(bytes: Buffer): number {
  let x = 0;
  for (const b of bytes) x ^= b;
  return x;
}

export function frame(lead: '@' | '#', address: number, body: string): Buffer {
  if (!Number.isInteger(address) || address < 1 || address > 99) throw new RangeError(`a bus address is 1–99, not ${address}`);
  const inner = Buffer.from(`${String(address).padStart(2, '0')}${body}`, 'utf8');
  const cc = checksum(inner).toString(16).toUpperCase().padStart(2, '0');
  return Buffer.concat([Buffer.from(lead), inner, Buffer.from(`*${cc}\r\n`)]);
}

function safeText(text: string): string {
  let out = '';
  for (const ch of text.replace(/[@#*\r\n]/g, ' ')) {
    if (Buffer.byteLength(out + ch) > MAX_TEXT_BYTES) break;
    out += ch;
  }
  return out;
}

export function commandBody(c: DisplayCommand): string {
  switch (c.kind) {
    case 'number':
      return `N${c.number}${c.blink ? `,${Math.min(9, c.blink)}` : ''}`;
    case 'blink':
      return `B${Math.min(9, Math.max(0, c.times))}`;
    case 'clear':
      return 'C';
    case 'text':
      return `T${safeText(c.text)}`;
    case 'alert':
      return 'A';
    case 'ping':
      return 'P';
    case 'query':
      return 'Q';
  }
}

export function parseCommand(body: string): DisplayCommand | null {
  const m = /^N(\d{1,5})(?:,(\d))?$/.exec(body);
  if (m) return { kind: 'number', number: Number(m[1]), blink: m[2] ? Number(m[2]) : 0 };
  if (/^B\d$/.test(body)) return { kind: 'blink', times: Number(body[1]) };
  if (body === 'C') return { kind: 'clear' };
  if (body === 'A') return { kind: 'alert' };
  if (body === 'P') return { kind: 'ping' };
  if (body === 'Q') return { kind: 'query' };
  if (body.startsWith('T') && Buffer.byteLength(body) - 1 <= MAX_TEXT_BYTES) return { kind: 'text', text: body.slice(1) };
  return null;
}

interface RawFrame {
  lead: '@' | '#';
  address: number;
  body: string;
}

/** Splits a byte stream into checked frames; anything else is noise, skipped up to the next lead byte. */
export class TalonReader {
  private buf: Buffer = Buffer.alloc(0);
  skipped = 0;

  constructor(private readonly lead: '@' | '#') {}

  push(chunk: Buffer): RawFrame[] {
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    const out: RawFrame[] = [];
    const LEAD = this.lead.charCodeAt(0);
    for (;;) {
      const start = this.buf.indexOf(LEAD);
      if (start < 0) {
        this.skipped += this.buf.length;
        this.buf = Buffer.alloc(0);
        break;
      }
      if (start > 0) {
        this.skipped += start;
        this.buf = this.buf.subarray(start);
      }
      const end = this.buf.indexOf(0x0a);
      // A lead byte inside the candidate means the earlier one was noise: resync at the later.
      const nextLead = this.buf.indexOf(LEAD, 1);
      if (nextLead > 0 && (end < 0 || nextLead < end)) {
        this.skipped += nextLead;
        this.buf = this.buf.subarray(nextLead);
        continue;
      }
      if (end < 0) {
        if (this.buf.length > MAX_FRAME) {
          this.skipped += 1;
          this.buf = this.buf.subarray(1);
          continue;
        }
        break;
      }
      const candidate = this.buf.subarray(0, end + 1);
      this.buf = this.buf.subarray(end + 1);
      const parsed = parseFrame(candidate, this.lead);
      if (parsed) out.push(parsed);
      else this.skipped += candidate.length;
    }
    this.buf = Buffer.from(this.buf);
    return out;
  }
}

function parseFrame(bytes: Buffer, lead: '@' | '#'): RawFrame | null {
  if (bytes.length < 9 || bytes.length > MAX_FRAME) return null;
  const star = bytes.lastIndexOf(0x2a);
  if (star < 3 || bytes[bytes.length - 2] !== 0x0d || star !== bytes.length - 5) return null;
  const inner = bytes.subarray(1, star);
  const cc = bytes.subarray(star + 1, star + 3).toString('latin1');
  if (!/^[0-9A-F]{2}$/.test(cc) || parseInt(cc, 16) !== checksum(inner)) return null;
  const text = inner.toString('utf8');
  if (text.includes('\ufffd')) return null;
  const m = /^(\d{2})(.+)$/s.exec(text);
  if (!m || m[1] === '00') return null;
  return { lead, address: Number(m[1]), body: m[2]! };
}

/** A contact report's body: `I`, 1 closed or 0 open, and the two-digit sequence number. */
export function contactBody(closed: boolean, seq: number): string {
  return `I${closed ? 1 : 0}${String(seq % 100).padStart(2, '0')}`;
}

export const talonDriver: BusDriver = {
  name: 'talon',
  contacts: true,
  command: (address, c) => frame('@', address, commandBody(c)),
  ackPress: (address, seq) => frame('@', address, `K${String(seq ?? 0).padStart(2, '0')}`),
  deviceReader(): FrameReader<DeviceFrame> {
    const r = new TalonReader('#');
    return {
      get skipped() {
        return r.skipped;
      },
      push: (chunk) =>
        r.push(chunk).flatMap((f): DeviceFrame[] => {
          if (f.body === 'K') return [{ kind: 'ack', address: f.address }];
          const m = /^P([NRSFX])(\d{2})$/.exec(f.body);
          if (m) return [{ kind: 'press', address: f.address, key: LETTER_KEY.get(m[1]!)!, seq: Number(m[2]) }];
          const c = /^I([01])(\d{2})$/.exec(f.body);
          if (c) return [{ kind: 'contact', address: f.address, closed: c[1] === '1', seq: Number(c[2]) }];
          return [];
        }),
    };
  },
  press: (address, key, seq) => frame('#', address, `P${KEY_LETTER[key]}${String(seq % 100).padStart(2, '0')}`),
  contact: (address, closed, seq) => frame('#', address, contactBody(closed, seq)),
  ack: (address) => frame('#', address, 'K'),
  hubReader(): FrameReader<HubFrame> {
    const r = new TalonReader('@');
    return {
      get skipped() {
        return r.skipped;
      },
      push: (chunk) =>
        r.push(chunk).flatMap((f): HubFrame[] => {
          const k = /^K(\d{2})$/.exec(f.body);
          if (k) return [{ kind: 'ack', address: f.address, seq: Number(k[1]) }];
          const command = parseCommand(f.body);
          return command ? [{ kind: 'command', address: f.address, command }] : [];
        }),
    };
  },
};
