/**
 * The three code pages a Ukrainian ticket can be printed in, as tables of their upper half (0x80–0xFF;
 * the lower half is ASCII). Written out here rather than taken from iconv so the printer, the virtual
 * printer and the tests agree byte for byte with no transitive dependency. U+FFFD marks an unused byte.
 */
export const CODEPAGES = ['wpc1251', 'cp1125', 'cp866'] as const;
export type Codepage = (typeof CODEPAGES)[number];

const UPPER: Record<Codepage, string> = {
  wpc1251: "ЂЃ\u201aѓ\u201e\u2026\u2020\u2021€\u2030Љ\u2039ЊЌЋЏђ\u2018\u2019\u201c\u201d\u2022\u2013\u2014\ufffd™љ\u203aњќћџ\u00a0ЎўЈ\u00a4Ґ\u00a6\u00a7Ё\u00a9Є\u00ab\u00ac\u00ad\u00aeЇ\u00b0\u00b1Ііґ\u00b5\u00b6\u00b7ё№є\u00bbјЅѕїАБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдежзийклмнопрстуфхцчшщъыьэюя",
  cp1125: "АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдежзийклмноп░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀рстуфхцчшщъыьэюяЁёҐґЄєІіЇї\u00b7√№\u00a4■\u00a0",
  cp866: "АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдежзийклмноп░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀рстуфхцчшщъыьэюяЁёЄєЇїЎў\u00b0∙\u00b7√№\u00a4■\u00a0",
};

/**
 * Letters a code page lacks and what to print instead. CP866 has no Ґ ґ І і: Г г and the Latin I i
 * read right to a Ukrainian eye, where "?" would not. Typography (dashes, quotes, apostrophe) folds to
 * ASCII the same way on every page.
 */
const FALLBACK: Record<string, string> = {
  'Ґ': 'Г', 'ґ': 'г', 'І': 'I', 'і': 'i',
  '\u2019': "'", '\u02bc': "'", '\u2018': "'", '\u201c': '"', '\u201d': '"', '\u00ab': '"', '\u00bb': '"',
  '\u2013': '-', '\u2014': '-', '\u2026': '...', '\u00a0': ' ', '№': 'N',
  '\u2248': '~',
};

const encoders = new Map<Codepage, Map<string, number>>();
function encoderFor(page: Codepage): Map<string, number> {
  let map = encoders.get(page);
  if (!map) {
    map = new Map();
    [...UPPER[page]].forEach((ch, i) => {
      if (ch !== '\ufffd') map!.set(ch, 0x80 + i);
    });
    encoders.set(page, map);
  }
  return map;
}

/** Whether the page has this character as it is (no fallback). */
export function hasChar(page: Codepage, ch: string): boolean {
  const code = ch.codePointAt(0)!;
  return (code >= 0x20 && code < 0x7f) || encoderFor(page).has(ch);
}

/** Text → bytes in the page; a missing letter takes its fallback, anything else becomes "?". */
export function encodeText(text: string, page: Codepage): Buffer {
  const map = encoderFor(page);
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code >= 0x20 && code < 0x7f) out.push(code);
    else if (map.has(ch)) out.push(map.get(ch)!);
    else if (FALLBACK[ch] !== undefined) for (const f of encodeText(FALLBACK[ch]!, page)) out.push(f);
    else out.push(0x3f);
  }
  return Buffer.from(out);
}

/** One printable byte → its character; null for a control byte or an unused slot. */
export function decodeByte(byte: number, page: Codepage): string | null {
  if (byte >= 0x20 && byte < 0x7f) return String.fromCharCode(byte);
  if (byte < 0x80) return null;
  const ch = UPPER[page][byte - 0x80];
  return ch === undefined || ch === '\ufffd' ? null : ch;
}
