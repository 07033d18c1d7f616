/**
 * The page's token: from the Electron shell (`window.talon`), else remembered in this browser per
 * role after a sign-in. And the page's language: `?lang=en`, else remembered, else Ukrainian.
 */
import type { Namespace } from '../../sync/protocol/hub.js';
import type { TalonBridge, TalonWindowConfig } from '../../sync/protocol/bridge.js';
import { LANGS, type Lang } from './i18n.js';

declare global {
  interface Window {
    talon?: TalonBridge;
  }
}

export function shell(): TalonBridge | undefined {
  return window.talon;
}

let shellConfig: TalonWindowConfig | null = null;

/** Asks the Electron shell for this window's token before the page renders; at once in a browser. */
export async function connectShell(): Promise<void> {
  shellConfig = (await shell()?.config().catch(() => null)) ?? null;
}

const tokenKey = (role: Namespace) => `talon.token.${role}`;
const langKey = (role: Namespace) => `talon.lang.${role}`;

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

export function storedToken(role: Namespace): string | null {
  return shellConfig?.token ?? storage()?.getItem(tokenKey(role)) ?? null;
}

export function rememberToken(role: Namespace, token: string): void {
  storage()?.setItem(tokenKey(role), token);
}

export function forgetToken(role: Namespace): void {
  storage()?.removeItem(tokenKey(role));
}

/** Whether the page may offer a sign-out: a token from the shell is the shell's business. */
export function tokenFromShell(): boolean {
  return Boolean(shellConfig?.token);
}

export function initialLang(role: Namespace, remember: boolean): Lang {
  const asked = new URLSearchParams(window.location.search).get('lang');
  if (asked && (LANGS as readonly string[]).includes(asked)) return asked as Lang;
  const kept = remember ? storage()?.getItem(langKey(role)) : null;
  return kept && (LANGS as readonly string[]).includes(kept) ? (kept as Lang) : 'uk';
}

export function rememberLang(role: Namespace, lang: Lang): void {
  storage()?.setItem(langKey(role), lang);
}

/** A number from the query string (tests shorten the kiosk's idle time this way). */
export function queryNumber(name: string, fallback: number): number {
  const raw = new URLSearchParams(window.location.search).get(name);
  const n = raw === null ? NaN : Number(raw);
  return Number.isFinite(n) && n >= 0 ? n : fallback;
}
