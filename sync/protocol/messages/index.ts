/**
 * The one message catalogue of the hub and the pages (uk.ts first, en.ts second), formatted with ICU
 * plural and select rules by intl-messageformat. A message is parsed once per language and cached.
 */
import { IntlMessageFormat } from 'intl-messageformat';
import { en } from './en.js';
import { uk, type MessageKey } from './uk.js';

export type { MessageKey };
export const LANGS = ['uk', 'en'] as const;
export type Lang = (typeof LANGS)[number];
export type Params = Record<string, string | number>;

export const CATALOGUE: Record<Lang, Record<MessageKey, string>> = { uk, en };

const compiled: Record<Lang, Map<MessageKey, { format: IntlMessageFormat; args: string[] }>> = { uk: new Map(), en: new Map() };

/** The names of a message's parameters, from its parsed form (plural and select bodies included). */
function argumentsOf(elements: readonly unknown[], into = new Set<string>()): Set<string> {
  for (const el of elements as { type: number; value?: string; options?: Record<string, { value: unknown[] }> }[]) {
    // Types 1–6 carry a `value` that names the argument (argument, number, date, time, select, plural).
    if (el.type >= 1 && el.type <= 6 && typeof el.value === 'string') into.add(el.value);
    if (el.options) for (const option of Object.values(el.options)) argumentsOf(option.value, into);
  }
  return into;
}

function entry(lang: Lang, key: MessageKey) {
  let e = compiled[lang].get(key);
  if (!e) {
    const format = new IntlMessageFormat(CATALOGUE[lang][key], lang);
    e = { format, args: [...argumentsOf(format.getAst())] };
    compiled[lang].set(key, e);
  }
  return e;
}

/** The parameters a message takes, so a test (or a caller) can supply them all. */
export function parametersOf(lang: Lang, key: MessageKey): string[] {
  return entry(lang, key).args;
}

/** A message in a language; a missing parameter shows as «—» instead of breaking the sentence. */
export function format(lang: Lang, key: MessageKey, params: Params = {}): string {
  const e = entry(lang, key);
  const values: Params = {};
  for (const name of e.args) values[name] = params[name] ?? '—';
  return String(e.format.format(values));
}

export function hasKey(key: string): key is MessageKey {
  return Object.hasOwn(uk, key);
}

/** The text of an error code from any layer (core, hub, a route); an unknown code gets the generic one. */
export function errorText(lang: Lang, code: string, params: Params = {}): string {
  const key = `error.${code}`;
  return format(lang, hasKey(key) ? key : 'error.other', params);
}
