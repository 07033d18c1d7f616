import fc from 'fast-check';
import { IntlMessageFormat } from 'intl-messageformat';
import { TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { FLOOR_ERROR_CODES } from '../../../main/core/errors.js';
import { HUB_ERROR_CODES } from '../../../sync/protocol/hub.js';
import { CATALOGUE, errorText, format, hasKey, LANGS, type MessageKey, type Params } from '../../../sync/protocol/messages/index.js';

const KEYS = Object.keys(CATALOGUE.uk) as MessageKey[];
const PLURAL_SAMPLES = [1, 2, 5, 21];

/** Each parameter of a message: plain, plural (a count) or select (one of its named options). */
function shape(elements: MessageFormatElement[], into = new Map<string, { kind: 'plain' | 'plural' | 'select'; options: string[] }>()) {
  for (const el of elements) {
    if (el.type === TYPE.plural) into.set(el.value, { kind: 'plural', options: [] });
    else if (el.type === TYPE.select) into.set(el.value, { kind: 'select', options: Object.keys(el.options).filter((o) => o !== 'other') });
    else if (el.type === TYPE.argument || el.type === TYPE.number) if (!into.has(el.value)) into.set(el.value, { kind: 'plain', options: [] });
    if (el.type === TYPE.plural || el.type === TYPE.select) for (const o of Object.values(el.options)) shape(o.value, into);
  }
  return into;
}

/** Sample params for a message: every plural form and every select option appear in some sample. */
function samples(text: string): Params[] {
  const params = shape(new IntlMessageFormat(text, 'uk').getAst());
  const rounds = Math.max(PLURAL_SAMPLES.length, ...[...params.values()].map((p) => p.options.length), 1);
  return Array.from({ length: rounds }, (_, i) => {
    const p: Params = {};
    for (const [name, s] of params) p[name] = s.kind === 'plural' ? PLURAL_SAMPLES[i % 4]! : s.kind === 'select' ? (s.options[i % s.options.length] ?? 'x') : `«зразок ${i}»`;
    return p;
  });
}

/** A code left in a sentence: SHOUTY_SNAKE, snake_case, or ICU syntax that did not format. */
const LEAK = /\b[A-Z]{2,}_[A-Z_]+\b|\b[a-z]+_[a-z_]+\b|[{}#]|NaN|undefined|—$/;

describe('the message catalogue', () => {
  it('has the same keys in Ukrainian and English', () => {
    expect(Object.keys(CATALOGUE.en).sort()).toEqual([...KEYS].sort());
  });

  it('formats every key in both languages with sample params, leaving no code or ICU syntax in the text', () => {
    for (const key of KEYS)
      for (const lang of LANGS)
        for (const params of samples(CATALOGUE[lang][key])) {
          const text = format(lang, key, params);
          expect(text.trim(), `${lang} ${key}`).not.toBe('');
          expect(text, `${lang} ${key} ${JSON.stringify(params)}`).not.toMatch(LEAK);
        }
  });

  it('takes the same parameters in both languages', () => {
    for (const key of KEYS) expect([...shape(new IntlMessageFormat(CATALOGUE.en[key], 'en').getAst()).keys()].sort(), key).toEqual([...shape(new IntlMessageFormat(CATALOGUE.uk[key], 'uk').getAst()).keys()].sort());
  });

  it('counts in Ukrainian by its plural rules', () => {
    expect(errorText('uk', 'RECALL_LIMIT', { recalls: 3 })).toContain('3 рази');
    expect(errorText('uk', 'RECALL_LIMIT', { recalls: 5 })).toContain('5 разів');
    expect(errorText('uk', 'RECALL_LIMIT', { recalls: 21 })).toContain('21 раз.');
    expect(errorText('uk', 'NO_SHOW_TOO_SOON', { left: 2 })).toContain('ще 2 рази');
    expect(format('uk', 'desks.count', { n: 1 })).toBe('1 робоче місце');
    expect(format('uk', 'desks.count', { n: 3 })).toBe('3 робочі місця');
    expect(format('uk', 'desks.count', { n: 5 })).toBe('5 робочих місць');
    expect(format('en', 'desks.count', { n: 1 })).toBe('1 desk');
  });

  it('names a state instead of showing its code', () => {
    expect(errorText('uk', 'WRONG_STATE', { state: 'serving' })).toBe('Зараз це неможливо: відвідувач обслуговується.');
    expect(errorText('en', 'LICENCE_NOT_HERE', { status: 'in_work' })).toContain('being processed');
  });

  it('words every error code of the floor and the hub', () => {
    for (const code of [...FLOOR_ERROR_CODES, ...HUB_ERROR_CODES, 'WRONG_CODE', 'TOO_MANY_TRIES', 'NO_ANSWER']) expect(hasKey(`error.${code}`), code).toBe(true);
    expect(errorText('uk', 'NO_SUCH_CODE')).toBe(format('uk', 'error.other'));
  });

  it('says «Неправильний», never «Невірний»', () => {
    for (const text of Object.values(CATALOGUE.uk)) expect(text).not.toMatch(/невірн/i);
  });

  it('never throws, whatever the params', () => {
    fc.assert(
      fc.property(fc.constantFrom(...KEYS), fc.constantFrom(...LANGS), fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.integer(), fc.double())), (key, lang, params) => {
        expect(typeof format(lang, key, params)).toBe('string');
      }),
    );
  });
});
