/** Messages for the hub's own error codes (the floor's are in main/core/messages.ts). */
import { FLOOR_ERROR_CODES, type FloorError } from '../core/errors.js';
import { messageFor, type Lang } from '../core/messages.js';
import type { HubError } from '../../sync/protocol/hub.js';
import { HUB_ERROR_CODES } from '../../sync/protocol/hub.js';

type HubCode = (typeof HUB_ERROR_CODES)[number];

const TEXT: Record<Lang, Record<HubCode, string>> = {
  uk: {
    BAD_PAYLOAD: 'Неправильні дані запиту: {detail}',
    UNKNOWN_EVENT: 'Невідома команда «{event}».',
    FORBIDDEN: 'Команда «{event}» недоступна для цієї ролі.',
    UNAUTHORIZED: 'Невірний або відсутній токен доступу.',
    COMMAND_REUSED: 'Цей commandId уже використано для іншої команди.',
    READ_ONLY: 'Табло лише отримує дані і не надсилає команд.',
    INTERNAL: 'Внутрішня помилка. Дію не виконано; спробуйте ще раз.',
    NOT_AVAILABLE: 'Ця можливість у центрі зараз недоступна ({feature}).',
  },
  en: {
    BAD_PAYLOAD: 'Bad request data: {detail}',
    UNKNOWN_EVENT: 'Unknown command "{event}".',
    FORBIDDEN: 'The command "{event}" is not available to this role.',
    UNAUTHORIZED: 'Wrong or missing access token.',
    COMMAND_REUSED: 'This commandId was already used for another command.',
    READ_ONLY: 'A board only receives; it sends no commands.',
    INTERNAL: 'Internal error. Nothing was done; please try again.',
    NOT_AVAILABLE: 'This is not available at the centre now ({feature}).',
  },
};

export type { HubCode };

export function hubError(code: HubCode, lang: Lang, params: Record<string, string> = {}): HubError {
  return { code, message: TEXT[lang][code].replace(/\{(\w+)\}/g, (w, k: string) => params[k] ?? w) };
}

export function toHubError(error: FloorError | { code: 'COMMAND_REUSED' }, lang: Lang): HubError {
  if ((FLOOR_ERROR_CODES as readonly string[]).includes(error.code)) {
    return { code: error.code, message: messageFor(error as FloorError, lang) };
  }
  return hubError(error.code as HubCode, lang);
}
