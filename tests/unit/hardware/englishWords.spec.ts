import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { announcementText } from '../../../hardware/audio/announcement.js';
import { englishNumberWords } from '../../../hardware/audio/englishWords.js';

describe('English number words', () => {
  it('reads ticket and desk numbers as a person reads them aloud', () => {
    expect(englishNumberWords(3)).toBe('three');
    expect(englishNumberWords(14)).toBe('fourteen');
    expect(englishNumberWords(40)).toBe('forty');
    expect(englishNumberWords(56)).toBe('fifty-six');
    expect(englishNumberWords(100)).toBe('one hundred');
    expect(englishNumberWords(1000)).toBe('one thousand');
    expect(englishNumberWords(1056)).toBe('one thousand fifty-six');
    expect(englishNumberWords(9999)).toBe('nine thousand nine hundred ninety-nine');
    expect(englishNumberWords(0)).toBe('zero');
  });

  it('never lets a digit through, and refuses what is not a count', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 999_999 }), (n) => {
      expect(englishNumberWords(n)).toMatch(/^[a-z -]+$/);
    }));
    for (const bad of [-1, 1.5, 1_000_000, Number.NaN]) expect(() => englishNumberWords(bad)).toThrow(RangeError);
  });

  it('words the English call: ticket number, then the desk', () => {
    expect(announcementText({ number: 1056, desk: 3 }, 'workplace', 'en')).toBe('Ticket number one thousand fifty-six, desk three');
    expect(announcementText({ number: 7, desk: 12, priority: true }, 'window', 'en')).toBe('Priority ticket number seven, window twelve');
    expect(announcementText({ number: 1056, desk: 3 })).toBe("Талон номер тисяча п'ятдесят шість, робоче місце три");
  });
});
