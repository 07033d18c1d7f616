/**
 * Error codes (the floor's and the hub's own) to the ack's `{code, message}`, worded by the catalogue
 * in sync/protocol/messages. Codes in params (a service, a state) become names here or in the catalogue.
 */
import type { FloorError } from '../core/errors.js';
import type { Lang } from '../core/messages.js';
import type { HubError } from '../../sync/protocol/hub.js';
import { HUB_ERROR_CODES } from '../../sync/protocol/hub.js';
import { errorText } from '../../sync/protocol/messages/index.js';

type HubCode = (typeof HUB_ERROR_CODES)[number];

export type { HubCode };

/** Where a service code can be named: the config's services. */
export interface Names {
  services: readonly { code: string; uk: string; en: string }[];
}

export function hubError(code: HubCode, lang: Lang, params: Record<string, string> = {}): HubError {
  return { code, message: errorText(lang, code, params) };
}

export function toHubError(error: FloorError | { code: 'COMMAND_REUSED'; params?: undefined }, lang: Lang, names?: Names): HubError {
  const params = { ...error.params };
  if (typeof params.service === 'string' && names) {
    const service = names.services.find((s) => s.code === params.service);
    if (service) params.service = service[lang];
  }
  return { code: error.code, message: errorText(lang, error.code, params) };
}
