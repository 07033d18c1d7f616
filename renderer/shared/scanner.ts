/**
 * A keyboard-wedge QR/barcode scanner types its payload as key presses and ends with Enter. Under a
 * Ukrainian keyboard layout the same key presses arrive as Cyrillic characters, so the decoder reads
 * physical key codes (`KeyA`, `Digit7`), never `event.key`. A scan is told from a person typing by
 * its timing: every key follows the previous one within `maxGapMs`, and Enter ends it.
 */
export interface KeyStroke {
  /** KeyboardEvent.code: the physical key, the same under any layout. */
  code: string;
  /** KeyboardEvent.timeStamp, in ms. */
  timeStamp: number;
}

export interface WedgeOptions {
  /** The longest pause between two keys of one scan; a person types far slower. */
  maxGapMs?: number;
  /** Shorter bursts are not scans (a person can hit two keys at once). */
  minLength?: number;
}

const PUNCTUATION: Record<string, string> = {
  Minus: '-',
  NumpadSubtract: '-',
  Period: '.',
  NumpadDecimal: '.',
  Slash: '/',
  NumpadDivide: '/',
  Semicolon: ':',
};

/** The Latin character a physical key stands for on a scanner (upper case: codes are case-free). */
export function charForKey(code: string): string | null {
  if (/^Key[A-Z]$/.test(code)) return code.slice(3);
  if (/^Digit[0-9]$/.test(code)) return code.slice(5);
  if (/^Numpad[0-9]$/.test(code)) return code.slice(6);
  return PUNCTUATION[code] ?? null;
}

export type WedgeResult = { kind: 'scan'; text: string } | { kind: 'char'; char: string } | { kind: 'enter' } | { kind: 'other' };

export class WedgeDecoder {
  private readonly maxGapMs: number;
  private readonly minLength: number;
  private buffer = '';
  private last = -Infinity;

  constructor(options: WedgeOptions = {}) {
    this.maxGapMs = options.maxGapMs ?? 60;
    this.minLength = options.minLength ?? 4;
  }

  /** Feeds one keydown; a scan is reported on its Enter, a slow Enter as a person's Enter. */
  feed(k: KeyStroke): WedgeResult {
    const gap = k.timeStamp - this.last;
    this.last = k.timeStamp;
    if (k.code === 'Enter' || k.code === 'NumpadEnter') {
      const text = this.buffer;
      this.buffer = '';
      return gap <= this.maxGapMs && text.length >= this.minLength ? { kind: 'scan', text } : { kind: 'enter' };
    }
    if (k.code.startsWith('Shift')) return { kind: 'other' };
    const char = charForKey(k.code);
    if (char === null) {
      this.buffer = '';
      return { kind: 'other' };
    }
    this.buffer = gap <= this.maxGapMs ? this.buffer + char : char;
    return { kind: 'char', char };
  }
}

/** The booking code in a scanned payload: the payload itself, or the last path segment of a link. */
export function bookingCodeFrom(scan: string): string {
  const parts = scan.split('/').filter(Boolean);
  return parts[parts.length - 1] ?? scan;
}
