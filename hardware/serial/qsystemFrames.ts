/**
 * Frames of the QSystem RS-485 devices already installed in many centres, so a centre keeps its
 * displays and keypads:
 *
 *   keypad → hub    01 addr code 07         code 0x31 next, 0x32 recall, 0x33 start, 0x34 finish
 *   hub → display   01 addr blink c1 c2 c3 07   blink '0'–'9' (times), c1–c3 ASCII shown
 *   acknowledgement 01 addr 06 07           either way (our reading: the devices echo an ACK byte)
 *
 * A QSystem display has three characters, so a four-digit ticket shows its last three digits, and
 * "ПАУЗА" and the alert mark become "---" and "AAA". A press carries no sequence number: the hub takes
 * the same key from the same keypad within `REPEAT_MS` of the last as a retransmission. QSystem has no
 * contact module: a dry contact goes on a second bus with the Talon driver (docs/desk-bus.md).
 */
import type { BusDriver, DeviceFrame, DisplayCommand, FrameReader, HubFrame, Key } from './busTypes.js';

const SOH = 0x01;
const BEL = 0x07;
const ACK = 0x06;
export const REPEAT_MS = 400;

const KEY_CODE: Partial<Record<Key, number>> = { next: 0x31, recall: 0x32, start: 0x33, finish: 0x34 };
const CODE_KEY = new Map(Object.entries(KEY_CODE).map(([k, c]) => [c, k as Key]));

function checkAddress(address: number): void {
  if (!Number.isInteger(address) || address < 1 || address > 99) throw new RangeError(`a bus address is 1–99, not ${address}`);
}

function three(text: string): string {
  const ascii = text.replace(/[^\x20-\x7e]/g, '-');
  return ascii.slice(-3).padStart(3, ' ');
}

export function displayChars(c: DisplayCommand): { blink: number; chars: string } | null {
  switch (c.kind) {
    case 'number':
      return { blink: Math.min(9, c.blink), chars: three(String(c.number)) };
    case 'clear':
      return { blink: 0, chars: '   ' };
    case 'text':
      return { blink: 0, chars: '---' };
    case 'alert':
      return { blink: 3, chars: 'AAA' };
    case 'blink':
    case 'ping':
    case 'query':
      return null;
  }
}

type Raw = { address: number; code: number } | { address: number; blink: number; chars: string };

class QsystemReader {
  private buf: Buffer = Buffer.alloc(0);
  skipped = 0;

  push(chunk: Buffer): Raw[] {
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    const out: Raw[] = [];
    let i = 0;
    while (i < this.buf.length) {
      if (this.buf[i] !== SOH) {
        this.skipped++;
        i++;
        continue;
      }
      if (i + 4 > this.buf.length) break;
      const address = this.buf[i + 1]!;
      const code = this.buf[i + 2]!;
      if (address >= 1 && address <= 99 && this.buf[i + 3] === BEL && (code === ACK || CODE_KEY.has(code))) {
        out.push({ address, code });
        i += 4;
        continue;
      }
      if (i + 7 > this.buf.length) {
        // It may still be a display frame; wait for the rest unless what has come already rules it
        // out (a press right after a stray SOH must not wait for the bus's next bytes).
        const shown = this.buf.subarray(i + 3, i + 6);
        if (address >= 1 && address <= 99 && code >= 0x30 && code <= 0x39 && shown.every((b) => b >= 0x20 && b <= 0x7e)) break;
        this.skipped++;
        i++;
        continue;
      }
      const chars = this.buf.subarray(i + 3, i + 6);
      if (address >= 1 && address <= 99 && code >= 0x30 && code <= 0x39 && this.buf[i + 6] === BEL && chars.every((b) => b >= 0x20 && b <= 0x7e)) {
        out.push({ address, blink: code - 0x30, chars: chars.toString('latin1') });
        i += 7;
        continue;
      }
      this.skipped++;
      i++;
    }
    this.buf = Buffer.from(this.buf.subarray(i));
    return out;
  }
}

export const qsystemDriver: BusDriver = {
  name: 'qsystem',
  contacts: false,
  command(address, c) {
    checkAddress(address);
    const shown = displayChars(c);
    // QSystem has no ping nor blink-only frame; an ACK probe is answered by a live device.
    if (!shown) return Buffer.from([SOH, address, ACK, BEL]);
    return Buffer.concat([Buffer.from([SOH, address, 0x30 + shown.blink]), Buffer.from(shown.chars, 'latin1'), Buffer.from([BEL])]);
  },
  ackPress: (address) => Buffer.from([SOH, address, ACK, BEL]),
  deviceReader(): FrameReader<DeviceFrame> {
    const r = new QsystemReader();
    return {
      get skipped() {
        return r.skipped;
      },
      push: (chunk) =>
        r.push(chunk).flatMap((f): DeviceFrame[] => {
          if (!('code' in f)) return [];
          if (f.code === ACK) return [{ kind: 'ack', address: f.address }];
          return [{ kind: 'press', address: f.address, key: CODE_KEY.get(f.code)!, seq: null }];
        }),
    };
  },
  press: (address, key) => (KEY_CODE[key] === undefined ? null : Buffer.from([SOH, address, KEY_CODE[key]!, BEL])),
  contact: () => null,
  ack: (address) => Buffer.from([SOH, address, ACK, BEL]),
  hubReader(): FrameReader<HubFrame> {
    const r = new QsystemReader();
    return {
      get skipped() {
        return r.skipped;
      },
      push: (chunk) =>
        r.push(chunk).flatMap((f): HubFrame[] => {
          if ('code' in f) return f.code === ACK ? [{ kind: 'ack', address: f.address, seq: null }] : [];
          const chars = f.chars.trim();
          const command: DisplayCommand = chars === '' ? { kind: 'clear' } : /^\d+$/.test(chars) ? { kind: 'number', number: Number(chars), blink: f.blink } : { kind: 'text', text: f.chars };
          return [{ kind: 'command', address: f.address, command }];
        }),
    };
  },
};
