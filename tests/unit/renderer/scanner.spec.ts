import { describe, expect, it } from 'vitest';
import { bookingCodeFrom, charForKey, WedgeDecoder, type WedgeResult } from '../../../renderer/shared/scanner.js';

/** Feeds key codes `gapMs` apart and returns what the decoder made of the last one. */
function feed(decoder: WedgeDecoder, codes: string[], gapMs: number, start = 1000): WedgeResult[] {
  return codes.map((code, i) => decoder.feed({ code, timeStamp: start + i * gapMs }));
}

const keysOf = (text: string) => [...text].map((ch) => (/\d/.test(ch) ? `Digit${ch}` : ch === '-' ? 'Minus' : `Key${ch}`));

describe('keyboard-wedge scanner decoder', () => {
  it('reads physical keys, so a scan under any layout gives Latin capitals and digits', () => {
    expect(charForKey('KeyC')).toBe('C');
    expect(charForKey('Digit7')).toBe('7');
    expect(charForKey('Numpad3')).toBe('3');
    expect(charForKey('Minus')).toBe('-');
    expect(charForKey('BracketLeft')).toBeNull();
  });

  it('reports a fast burst ended by Enter as a scan', () => {
    const results = feed(new WedgeDecoder(), [...keysOf('QRCODE77'), 'Enter'], 5);
    expect(results.at(-1)).toEqual({ kind: 'scan', text: 'QRCODE77' });
  });

  it('ignores Shift between the keys of a scan', () => {
    const results = feed(new WedgeDecoder(), ['ShiftLeft', 'KeyA', 'ShiftLeft', 'KeyB', 'Digit1', 'Digit2', 'Enter'], 3);
    expect(results.at(-1)).toEqual({ kind: 'scan', text: 'AB12' });
  });

  it('takes slow typing followed by Enter for a person, not a scanner', () => {
    const results = feed(new WedgeDecoder(), [...keysOf('ABCD'), 'Enter'], 200);
    expect(results.slice(0, 4).every((r) => r.kind === 'char')).toBe(true);
    expect(results.at(-1)).toEqual({ kind: 'enter' });
  });

  it('starts a new scan after a pause, dropping keys typed before it', () => {
    const decoder = new WedgeDecoder();
    feed(decoder, keysOf('XY'), 5, 0);
    expect(feed(decoder, [...keysOf('ABCD1234'), 'Enter'], 5, 5000).at(-1)).toEqual({ kind: 'scan', text: 'ABCD1234' });
  });

  it('does not report bursts shorter than a code', () => {
    expect(feed(new WedgeDecoder(), [...keysOf('AB'), 'Enter'], 5).at(-1)).toEqual({ kind: 'enter' });
  });

  it('takes the last path segment when a QR code holds a link', () => {
    expect(bookingCodeFrom('HTTPS:/E-ZAPYS.GOV.UA/B/K7M2P9QX')).toBe('K7M2P9QX');
    expect(bookingCodeFrom('K7M2P9QX')).toBe('K7M2P9QX');
  });
});
