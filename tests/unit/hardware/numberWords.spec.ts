import { describe, expect, it } from 'vitest';
import { numberWords, thousandNoun } from '../../../hardware/audio/numberWords.js';
import { announcementText } from '../../../hardware/audio/announcement.js';

// The table is written out here word by word, not derived from the code under test.
const UNITS = ['', 'один', 'два', 'три', 'чотири', "п'ять", 'шість', 'сім', 'вісім', "дев'ять"];
const TEENS = ['десять', 'одинадцять', 'дванадцять', 'тринадцять', 'чотирнадцять', "п'ятнадцять", 'шістнадцять', 'сімнадцять', 'вісімнадцять', "дев'ятнадцять"];
const TENS = ['', '', 'двадцять', 'тридцять', 'сорок', "п'ятдесят", 'шістдесят', 'сімдесят', 'вісімдесят', "дев'яносто"];
const HUNDREDS = ['', 'сто', 'двісті', 'триста', 'чотириста', "п'ятсот", 'шістсот', 'сімсот', 'вісімсот', "дев'ятсот"];
const THOUSANDS = ['', 'тисяча', 'дві тисячі', 'три тисячі', 'чотири тисячі', "п'ять тисяч", 'шість тисяч', 'сім тисяч', 'вісім тисяч', "дев'ять тисяч"];

function expected(n: number): string {
  const th = Math.floor(n / 1000);
  const h = Math.floor((n % 1000) / 100);
  const r = n % 100;
  const t = Math.floor(r / 10);
  const u = r % 10;
  const parts = [THOUSANDS[th]!, HUNDREDS[h]!];
  if (t === 1) parts.push(TEENS[u]!);
  else parts.push(TENS[t]!, UNITS[u]!);
  return parts.filter((p) => p !== '').join(' ');
}

describe('Ukrainian numbers in words', () => {
  it('says every number from 1 to 9999 as the table of correct forms has it', () => {
    const wrong: string[] = [];
    for (let n = 1; n <= 9999; n++) if (numberWords(n) !== expected(n)) wrong.push(`${n}: ${numberWords(n)} ≠ ${expected(n)}`);
    expect(wrong.slice(0, 10)).toEqual([]);
  });

  it('says the forms a ticket and a desk need as people say them', () => {
    expect(numberWords(1056)).toBe("тисяча п'ятдесят шість");
    expect(numberWords(2000)).toBe('дві тисячі');
    expect(numberWords(1000)).toBe('тисяча');
    expect(numberWords(3)).toBe('три');
    expect(numberWords(12)).toBe('дванадцять');
    expect(numberWords(9999)).toBe("дев'ять тисяч дев'ятсот дев'яносто дев'ять");
  });

  it('makes the thousands feminine and declines the noun by the count', () => {
    expect(numberWords(21_000)).toBe('двадцять одна тисяча');
    expect(numberWords(22_000)).toBe('двадцять дві тисячі');
    expect(numberWords(11_000)).toBe('одинадцять тисяч');
    expect(numberWords(101_000)).toBe('сто одна тисяча');
    expect([1, 2, 4, 5, 11, 14, 21, 24, 25].map(thousandNoun)).toEqual(['тисяча', 'тисячі', 'тисячі', 'тисяч', 'тисяч', 'тисяч', 'тисяча', 'тисячі', 'тисяч']);
  });

  it('agrees one and two with the gender of what is counted', () => {
    expect(numberWords(1, 'masculine')).toBe('один');
    expect(numberWords(1, 'feminine')).toBe('одна');
    expect(numberWords(1, 'neuter')).toBe('одне');
    expect(numberWords(2, 'feminine')).toBe('дві');
    expect(numberWords(32, 'neuter')).toBe('тридцять два');
  });

  it('refuses what is not a whole number in range', () => {
    expect(() => numberWords(-1)).toThrow(RangeError);
    expect(() => numberWords(1.5)).toThrow(RangeError);
    expect(() => numberWords(1_000_000)).toThrow(RangeError);
  });

  it('announces a call in words with no digit left for the speech engine', () => {
    expect(announcementText({ number: 1056, desk: 3 }, 'window')).toBe("Талон номер тисяча п'ятдесят шість, вікно три");
    expect(announcementText({ number: 2000, desk: 12 })).toBe('Талон номер дві тисячі, робоче місце дванадцять');
    expect(announcementText({ number: 7, desk: 1, priority: true })).toBe('Пріоритетний талон номер сім, робоче місце один');
    expect(announcementText({ number: 4321, desk: 21 })).not.toMatch(/\d/);
  });
});
