/**
 * The keyboard on a public screen. A citizen at the kiosk (or anyone at the board's keyboard) gets
 * what a page needs — characters, Enter, Backspace, Tab, arrows, Escape — and nothing that reloads,
 * zooms, prints, opens developer tools, closes or quits: any key with Ctrl, Alt or Meta and every
 * function key is dropped before the page or Chromium sees it (`before-input-event`).
 *
 * A technician leaves with the chord Ctrl+Shift+F10, then the exit PIN typed blind and Enter
 * (Escape cancels; 30 s without a key cancels). While the PIN is typed, every key is swallowed, so
 * the page never sees it. Five wrong PINs lock the chord for five minutes. Only the PIN's hash is
 * in the config (exitPin.ts); without one the chord does nothing.
 */
import type { WindowRole } from './channels.js';
import type { Input } from './electronApi.js';
import { verifyExitPin } from './exitPin.js';

export type InputDecision = 'pass' | 'block';

export const PUBLIC_ROLES: ReadonlySet<WindowRole> = new Set<WindowRole>(['kiosk', 'board']);

/** Keys a page on a public screen may get, besides single printable characters. */
const SAFE_KEYS: ReadonlySet<string> = new Set([
  'Enter', 'Backspace', 'Delete', 'Tab', 'Escape', 'Shift', 'CapsLock',
  'ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Home', 'End', 'PageUp', 'PageDown',
]);

export const EXIT_CHORD = 'Ctrl+Shift+F10';
const PIN_IDLE_MS = 30_000;
const MAX_WRONG_PINS = 5;
const LOCKOUT_MS = 5 * 60_000;

export interface InputFilterOptions {
  /** app.exitPin from the config: a hash; undefined when none is set. */
  exitPinHash: string | undefined;
  /** Called once the right PIN was entered. */
  onExit: (role: WindowRole) => void;
  now: () => number;
  log: (line: string) => void;
  verify?: (pin: string, hash: string) => boolean;
}

export interface InputFilter {
  /** What to do with one key event in a window of this role. */
  decide(role: WindowRole, input: Pick<Input, 'type' | 'key' | 'control' | 'alt' | 'meta' | 'shift'>): InputDecision;
}

/** Whether a key may reach a public page: no Ctrl/Alt/Meta, no function key, no menu key. */
export function isSafePublicKey(input: Pick<Input, 'key' | 'control' | 'alt' | 'meta'>): boolean {
  if (input.control || input.alt || input.meta) return false;
  // One user-perceived character ('a', 'є', ' ', '5'); named keys ('F5', 'ContextMenu') are longer.
  if ([...input.key].length === 1) return true;
  return SAFE_KEYS.has(input.key);
}

function isExitChord(input: Pick<Input, 'key' | 'control' | 'alt' | 'meta' | 'shift'>): boolean {
  return input.key === 'F10' && input.control && input.shift && !input.alt && !input.meta;
}

export function createInputFilter(options: InputFilterOptions): InputFilter {
  const { exitPinHash, onExit, now, log } = options;
  const verify = options.verify ?? verifyExitPin;
  // One PIN entry at a time for the whole machine, and one count of wrong PINs.
  let entry: { role: WindowRole; digits: string; lastKeyAt: number } | null = null;
  let wrong = 0;
  let lockedUntil = 0;

  const onPinKey = (key: string) => {
    const current = entry!;
    if (key === 'Escape') {
      entry = null;
      log('technician exit: cancelled');
    } else if (key === 'Backspace') {
      current.digits = current.digits.slice(0, -1);
    } else if (/^\d$/.test(key)) {
      if (current.digits.length < 12) current.digits += key;
    } else if (key === 'Enter') {
      entry = null;
      if (verify(current.digits, exitPinHash!)) {
        wrong = 0;
        log(`technician exit: PIN accepted on the ${current.role} window; leaving`);
        onExit(current.role);
        return;
      }
      wrong += 1;
      log(`technician exit: wrong PIN (${wrong} of ${MAX_WRONG_PINS})`);
      if (wrong >= MAX_WRONG_PINS) {
        wrong = 0;
        lockedUntil = now() + LOCKOUT_MS;
        log(`technician exit: locked for ${LOCKOUT_MS / 60_000} minutes`);
      }
    }
  };

  return {
    decide(role, input) {
      if (!PUBLIC_ROLES.has(role)) return 'pass';
      if (entry !== null && now() - entry.lastKeyAt > PIN_IDLE_MS) {
        entry = null;
        log('technician exit: PIN entry timed out');
      }
      if (entry !== null) {
        // Key-up events and the like are swallowed too, but only a key-down types.
        if (input.type === 'keyDown') {
          entry.lastKeyAt = now();
          onPinKey(input.key);
        }
        return 'block';
      }
      if (input.type === 'keyDown' && isExitChord(input)) {
        if (exitPinHash === undefined) log('technician exit: the chord was pressed but the config has no app.exitPin');
        else if (now() < lockedUntil) log('technician exit: locked after too many wrong PINs');
        else entry = { role, digits: '', lastKeyAt: now() };
        return 'block';
      }
      return isSafePublicKey(input) ? 'pass' : 'block';
    },
  };
}
