import { describe, expect, it } from 'vitest';
import { decodeByte, encodeText, hasChar, type Codepage } from '../../../hardware/printer/codepages.js';

const UKRAINIAN = 'АБВГҐДЕЄЖЗИІЇЙКЛМНОПРСТУФХЦЧШЩЬЮЯабвгґдеєжзиіїйклмнопрстуфхцчшщьюя';

function roundTrip(text: string, page: Codepage): string {
  return [...encodeText(text, page)].map((b) => decodeByte(b, page) ?? '\u0000').join('');
}

describe('code pages', () => {
  it('has every Ukrainian letter in WPC1251 and CP1125', () => {
    for (const page of ['wpc1251', 'cp1125'] as const) {
      expect([...UKRAINIAN].filter((c) => !hasChar(page, c))).toEqual([]);
      expect(roundTrip(UKRAINIAN, page)).toBe(UKRAINIAN);
    }
  });

  it('puts Ґ, І and Ї where each code page has them', () => {
    expect([...encodeText('ҐґІіЇїЄє', 'wpc1251')]).toEqual([0xa5, 0xb4, 0xb2, 0xb3, 0xaf, 0xbf, 0xaa, 0xba]);
    expect([...encodeText('ҐґІіЇїЄє', 'cp1125')]).toEqual([0xf2, 0xf3, 0xf6, 0xf7, 0xf8, 0xf9, 0xf4, 0xf5]);
  });

  it('prints Г and I for the letters CP866 lacks, never a question mark', () => {
    expect(['Ґ', 'ґ', 'І', 'і'].filter((c) => hasChar('cp866', c))).toEqual([]);
    expect(roundTrip('Ґудзь Іван, Їжак, Євген', 'cp866')).toBe('Гудзь Iван, Їжак, Євген');
    expect(roundTrip(UKRAINIAN, 'cp866')).not.toContain('?');
  });

  it('keeps typographic marks a page has, folds the others to ASCII, and prints "?" only for what has no stand-in', () => {
    expect(roundTrip('п’ять — «так»', 'wpc1251')).toBe('п’ять — «так»');
    expect(roundTrip('п’ять — «так»', 'cp866')).toBe("п'ять - \"так\"");
    expect(roundTrip('☃', 'cp1125')).toBe('?');
  });
});
