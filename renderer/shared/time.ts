/** Times and dates in the centre's timezone, whatever the screen's own clock zone. */
import type { Lang } from './i18n.js';

const LOCALES: Record<Lang, string> = { uk: 'uk-UA', en: 'en-GB' };
const cache = new Map<string, Intl.DateTimeFormat>();

function format(lang: Lang, timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${lang}|${timeZone}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(LOCALES[lang], { timeZone, ...options });
    cache.set(key, f);
  }
  return f;
}

export function clockTime(ms: number, timeZone: string, lang: Lang): string {
  return format(lang, timeZone, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(ms);
}

export function longDate(ms: number, timeZone: string, lang: Lang): string {
  return format(lang, timeZone, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(ms);
}

/** Minutes between two instants, never negative. */
export function minutesBetween(from: number, to: number): number {
  return Math.max(0, Math.floor((to - from) / 60_000));
}
