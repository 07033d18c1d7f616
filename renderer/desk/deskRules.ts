/**
 * Which desk buttons make sense in which state, so the console offers only what the hub would accept;
 * the hub still decides, and its refusal is shown if the two ever disagree.
 */
import type { AlertView, DeskView } from '../../sync/protocol/hub.js';

export const DESK_COMMANDS = ['callNext', 'recall', 'start', 'finish', 'noShow', 'transfer', 'pause', 'resume', 'callNumber', 'reprint'] as const;
export type DeskCommand = (typeof DESK_COMMANDS)[number];

/** Physical keys (KeyboardEvent.code, the same under any layout) for the commands that have one. */
export const SHORTCUTS: Partial<Record<DeskCommand, string>> = {
  callNext: 'KeyN',
  recall: 'KeyR',
  start: 'KeyS',
  finish: 'KeyF',
  noShow: 'KeyX',
};
export const PAUSE_KEY = 'KeyP';

export type Blocker = 'alert' | 'offline' | null;

/** A desk in the shelter (alert.shelterDesks) goes on calling during an alert. */
export function blocker(alert: AlertView | undefined, online: boolean, desk?: number): Blocker {
  if (alert?.active && alert.freezes && !(desk !== undefined && alert.shelterDesks?.includes(desk))) return 'alert';
  if (!online) return 'offline';
  return null;
}

export function allowed(desk: DeskView, command: DeskCommand): boolean {
  const state = desk.current?.state;
  const free = !desk.current;
  switch (command) {
    case 'callNext':
    case 'callNumber':
      return free && desk.status === 'open';
    case 'recall':
    case 'start':
    case 'noShow':
      return state === 'called';
    case 'finish':
    case 'transfer':
    case 'reprint':
      return state === 'called' || state === 'serving';
    case 'pause':
      return free && desk.status === 'open';
    case 'resume':
      return desk.status === 'paused';
  }
}

/** `resume` refused on an open desk says it is already working; the rest say what the desk holds. */
export function whyNotFor(desk: DeskView | null, command: DeskCommand): ReturnType<typeof whyNot> {
  if (command === 'resume' && desk?.status === 'open') return 'open';
  return whyNot(desk);
}

/** What stands in the way of a command the desk does not allow now, for the catalogue's `desk.notNow`. */
export function whyNot(desk: DeskView | null): 'free' | 'called' | 'serving' | 'paused' | 'open' | 'other' {
  if (!desk) return 'other';
  if (desk.status === 'paused') return 'paused';
  const state = desk.current?.state;
  if (!state) return 'free';
  if (state === 'called' || state === 'serving') return state;
  return 'other';
}
