/**
 * Reference readings of the desk-bus protocols, written from docs/desk-bus.md rather than from the
 * readers: the well-formed frames of a whole byte stream, in order. The property tests and the fuzz
 * soak check the streaming readers (hardware/serial/*Frames.ts) against them.
 */
import fc from 'fast-check';
import { KEYS, type BusDriver, type DeviceFrame, type DisplayCommand, type HubFrame, type Key } from '../../hardware/serial/busTypes.js';
import { chunked, garbageBytes } from './hostile.js';
import { MAX_FRAME, MAX_TEXT_BYTES } from '../../hardware/serial/talonFrames.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });


/** Every Talon frame of the stream: lead, two-digit address 01–99, body, `*`, XOR in upper-case hex, CR LF. */
function talonFrames(bytes: Buffer, lead: '@' | '#'): { address: number; body: string }[] {
  const L = lead.charCodeAt(0);
  const out: { address: number; body: string }[] = [];
  for (let p = 0; p < bytes.length; p++) {
    if (bytes[p] !== L) continue;
    const q = bytes.indexOf(0x0a, p);
    if (q < 0) break;
    const f = bytes.subarray(p, q + 1);
    if (f.length < 9 || f.length > MAX_FRAME || f.indexOf(L, 1) >= 0) continue;
    if (f[f.length - 2] !== 0x0d || f[f.length - 5] !== 0x2a) continue;
    const inner = f.subarray(1, f.length - 5);
    let x = 0;
    for (const b of inner) x ^= b;
    if (f.subarray(f.length - 4, f.length - 2).toString('latin1') !== x.toString(16).toUpperCase().padStart(2, '0')) continue;
    let text: string;
    try {
      text = utf8.decode(inner);
    } catch {
      continue;
    }
    if (text.includes('\ufffd')) continue;
    const address = text.slice(0, 2);
    if (!/^\d\d$/.test(address) || address === '00' || text.length < 3) continue;
    out.push({ address: Number(address), body: text.slice(2) });
  }
  return out;
}

const LETTERS: Record<string, Key> = { N: 'next', R: 'recall', S: 'start', F: 'finish', X: 'noShow' };

export function talonDeviceFrames(bytes: Buffer): DeviceFrame[] {
  return talonFrames(bytes, '#').flatMap(({ address, body }): DeviceFrame[] => {
    if (body === 'K') return [{ kind: 'ack', address }];
    if (body.length === 4 && body[0] === 'P' && body[1]! in LETTERS && /^\d\d$/.test(body.slice(2))) return [{ kind: 'press', address, key: LETTERS[body[1]!]!, seq: Number(body.slice(2)) }];
    if (body.length === 4 && body[0] === 'I' && (body[1] === '0' || body[1] === '1') && /^\d\d$/.test(body.slice(2))) return [{ kind: 'contact', address, closed: body[1] === '1', seq: Number(body.slice(2)) }];
    return [];
  });
}

function talonCommand(body: string): DisplayCommand | null {
  const n = /^N(\d{1,5})(?:,(\d))?$/.exec(body);
  if (n) return { kind: 'number', number: Number(n[1]), blink: n[2] === undefined ? 0 : Number(n[2]) };
  if (/^B\d$/.test(body)) return { kind: 'blink', times: Number(body[1]) };
  const plain: Record<string, DisplayCommand> = { C: { kind: 'clear' }, A: { kind: 'alert' }, P: { kind: 'ping' }, Q: { kind: 'query' } };
  if (body in plain) return plain[body]!;
  if (body[0] === 'T' && Buffer.byteLength(body.slice(1)) <= MAX_TEXT_BYTES) return { kind: 'text', text: body.slice(1) };
  return null;
}

export function talonHubFrames(bytes: Buffer): HubFrame[] {
  return talonFrames(bytes, '@').flatMap(({ address, body }): HubFrame[] => {
    if (/^K\d\d$/.test(body)) return [{ kind: 'ack', address, seq: Number(body.slice(1)) }];
    const command = talonCommand(body);
    return command ? [{ kind: 'command', address, command }] : [];
  });
}

type QFrame = { address: number; code: number } | { address: number; blink: number; chars: string };

/** QSystem frames, leftmost first: `01 addr code 07` (code 06 ACK or 31–34 a key) or `01 addr blink c1 c2 c3 07`. */
function qsystemFrames(bytes: Buffer): QFrame[] {
  const out: QFrame[] = [];
  const printable = (b: number | undefined) => b !== undefined && b >= 0x20 && b <= 0x7e;
  let p = 0;
  while (p < bytes.length) {
    const [soh, address, code] = [bytes[p], bytes[p + 1], bytes[p + 2]];
    const addressOk = address !== undefined && address >= 1 && address <= 99;
    if (soh === 0x01 && addressOk && bytes[p + 3] === 0x07 && (code === 0x06 || (code! >= 0x31 && code! <= 0x34))) {
      out.push({ address: address!, code: code! });
      p += 4;
    } else if (soh === 0x01 && addressOk && code! >= 0x30 && code! <= 0x39 && [3, 4, 5].every((k) => printable(bytes[p + k])) && bytes[p + 6] === 0x07) {
      out.push({ address: address!, blink: code! - 0x30, chars: bytes.subarray(p + 3, p + 6).toString('latin1') });
      p += 7;
    } else p++;
  }
  return out;
}

const Q_KEYS: Record<number, Key> = { 0x31: 'next', 0x32: 'recall', 0x33: 'start', 0x34: 'finish' };

export function qsystemDeviceFrames(bytes: Buffer): DeviceFrame[] {
  return qsystemFrames(bytes).flatMap((f): DeviceFrame[] => {
    if (!('code' in f)) return [];
    return f.code === 0x06 ? [{ kind: 'ack', address: f.address }] : [{ kind: 'press', address: f.address, key: Q_KEYS[f.code]!, seq: null }];
  });
}

export function qsystemHubFrames(bytes: Buffer): HubFrame[] {
  return qsystemFrames(bytes).flatMap((f): HubFrame[] => {
    if ('code' in f) return f.code === 0x06 ? [{ kind: 'ack', address: f.address, seq: null }] : [];
    const shown = f.chars.trim();
    const command: DisplayCommand = shown === '' ? { kind: 'clear' } : /^\d+$/.test(shown) ? { kind: 'number', number: Number(shown), blink: f.blink } : { kind: 'text', text: f.chars };
    return [{ kind: 'command', address: f.address, command }];
  });
}

// ---- streams: real frames, damaged frames and noise, cut anywhere ----

const address = fc.integer({ min: 1, max: 99 });
const key = fc.constantFrom(...KEYS);
const command: fc.Arbitrary<DisplayCommand> = fc.oneof(
  fc.record({ kind: fc.constant('number' as const), number: fc.integer({ min: 0, max: 99999 }), blink: fc.integer({ min: 0, max: 9 }) }),
  fc.record({ kind: fc.constant('blink' as const), times: fc.integer({ min: 0, max: 9 }) }),
  fc.record({ kind: fc.constant('text' as const), text: fc.string({ maxLength: 30 }) }),
  fc.constantFrom<DisplayCommand>({ kind: 'clear' }, { kind: 'alert' }, { kind: 'ping' }, { kind: 'query' }),
);

function frameArb(driver: BusDriver): fc.Arbitrary<Buffer> {
  return fc.oneof(
    fc.tuple(address, key, fc.integer({ min: 0, max: 99 })).map(([a, k, s]) => driver.press(a, k, s) ?? Buffer.alloc(0)),
    address.map((a) => driver.ack(a)),
    fc.tuple(address, fc.boolean(), fc.integer({ min: 0, max: 99 })).map(([a, c, s]) => driver.contact(a, c, s) ?? Buffer.alloc(0)),
    fc.tuple(address, command).map(([a, c]) => driver.command(a, c)),
    fc.tuple(address, fc.integer({ min: 0, max: 99 })).map(([a, s]) => driver.ackPress(a, s)),
  );
}

function damaged(frames: fc.Arbitrary<Buffer>): fc.Arbitrary<Buffer> {
  return fc.tuple(frames, fc.nat(), fc.integer({ min: 1, max: 255 }), fc.boolean()).map(([f, at, flip, cut]) => {
    if (f.length === 0) return f;
    const i = at % f.length;
    if (cut) return f.subarray(0, i);
    const g = Buffer.from(f);
    g[i] = g[i]! ^ flip;
    return g;
  });
}

export function stream(driver: BusDriver): fc.Arbitrary<{ bytes: Buffer; chunks: Buffer[] }> {
  const frames = frameArb(driver);
  return fc
    .tuple(fc.array(fc.oneof(frames, damaged(frames), garbageBytes(40)), { maxLength: 12 }), fc.array(fc.nat(), { maxLength: 8 }))
    .map(([parts, cuts]) => {
      const bytes = Buffer.concat(parts);
      return { bytes, chunks: chunked(bytes, cuts) };
    });
}
