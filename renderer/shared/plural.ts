/**
 * ICU plural messages with Intl.PluralRules, for the few strings that count things («1 людина», «3
 * людини», «5 людей»). A stopgap of a few lines: `{name}` and `{name, plural, =0 {…} one {…} few {…}
 * many {…} other {…}}` with `#`, nothing else. The single ICU catalogue replaces it.
 */
import { TABLES, type Lang, type MessageKey } from './i18n.js';

/** The index of the `}` closing the `{` at `open`. */
function closing(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    if (s[i] === '{') depth++;
    else if (s[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

function choose(lang: Lang, n: number, options: string): string | null {
  const branches = new Map<string, string>();
  let i = 0;
  while (i < options.length) {
    const m = /^\s*(=\d+|zero|one|two|few|many|other)\s*\{/.exec(options.slice(i));
    if (!m) break;
    const open = i + m[0].length - 1;
    const close = closing(options, open);
    if (close < 0) break;
    branches.set(m[1]!, options.slice(open + 1, close));
    i = close + 1;
  }
  return branches.get(`=${n}`) ?? branches.get(new Intl.PluralRules(lang).select(n)) ?? branches.get('other') ?? null;
}

export function formatIcu(lang: Lang, message: string, params: Record<string, string | number>, hash?: number): string {
  let out = '';
  for (let i = 0; i < message.length; i++) {
    const ch = message[i]!;
    if (ch === '#' && hash !== undefined) {
      out += new Intl.NumberFormat(lang).format(hash);
      continue;
    }
    const close = ch === '{' ? closing(message, i) : -1;
    if (close < 0) {
      out += ch;
      continue;
    }
    const inner = message.slice(i + 1, close);
    const plural = /^\s*(\w+)\s*,\s*plural\s*,([\s\S]*)$/.exec(inner);
    if (plural) {
      const n = Number(params[plural[1]!]);
      const branch = Number.isFinite(n) ? choose(lang, n, plural[2]!) : null;
      out += branch === null ? `{${inner}}` : formatIcu(lang, branch, params, n);
    } else {
      const name = inner.trim();
      out += name in params ? String(params[name]) : `{${inner}}`;
    }
    i = close;
  }
  return out;
}

/** A message from the pages' tables, its plurals chosen by the language's rules. */
export function tp(lang: Lang, key: MessageKey, params: Record<string, string | number> = {}): string {
  return formatIcu(lang, TABLES[lang][key], params);
}
