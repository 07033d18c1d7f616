/**
 * Which screen a window goes to. Config numbers displays from 0 in the order the system lists them;
 * a display that is not there (the hall TV switched off at boot) falls back to the primary one, so
 * the window is at least visible, and moves once the display appears (see windows.ts).
 */
import type { Display, Screen } from './electronApi.js';

export function pickDisplay(screen: Screen, index: number): Display {
  return screen.getAllDisplays()[index] ?? screen.getPrimaryDisplay();
}
