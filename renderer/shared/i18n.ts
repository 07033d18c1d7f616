/**
 * The pages' words come from the one catalogue in sync/protocol/messages (shared with the hub);
 * this module only adds what is the pages' own.
 */
import { format, hasKey, LANGS, type Lang, type MessageKey, type Params } from '../../sync/protocol/messages/index.js';

export { hasKey, LANGS, type Lang, type MessageKey };

export function t(lang: Lang, key: MessageKey, params: Params = {}): string {
  return format(lang, key, params);
}

/** A service's name in the page's language. */
export function serviceName(lang: Lang, services: readonly { code: string; uk: string; en: string }[], code: string): string {
  const s = services.find((x) => x.code === code);
  return s ? s[lang] : code;
}
