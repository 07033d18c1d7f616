import { describe, expect, it } from 'vitest';
import { FLOOR_ERROR_CODES } from '../../../main/core/errors.js';
import { hasKey, TABLES, t } from '../../../renderer/shared/i18n.js';

const CHECK_IN_REFUSALS = FLOOR_ERROR_CODES.slice(0, FLOOR_ERROR_CODES.indexOf('QUEUE_EMPTY'));

describe('the pages’ word tables', () => {
  it('has every key in Ukrainian and English, none empty', () => {
    expect(Object.keys(TABLES.en).sort()).toEqual(Object.keys(TABLES.uk).sort());
    for (const table of Object.values(TABLES)) for (const text of Object.values(table)) expect(text.trim()).not.toBe('');
  });

  it('uses the same placeholders in both languages', () => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(TABLES.uk) as (keyof typeof TABLES.uk)[]) expect(names(TABLES.en[key])).toEqual(names(TABLES.uk[key]));
  });

  it('gives each check-in refusal a title and a next step', () => {
    for (const code of CHECK_IN_REFUSALS) {
      expect(hasKey(`refusal.${code}`)).toBe(true);
      expect(hasKey(`next.${code}`)).toBe(true);
    }
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(t('uk', 'board.announce', { number: 1056, desk: 3 })).toBe('Талон 1056, робоче місце 3');
    expect(t('en', 'board.announce', { number: 1056 })).toBe('Ticket 1056, desk {desk}');
  });
});
