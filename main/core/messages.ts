/**
 * Core stays wordless: it refuses with a code and params (errors.ts), and the hub turns them into
 * sentences from the one catalogue in sync/protocol/messages. Only the language names live here.
 */
export type Lang = 'uk' | 'en';
