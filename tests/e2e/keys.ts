/**
 * Key presses as a keyboard-wedge scanner sends them, through the DevTools protocol so that each press
 * carries its physical key code and the character the active layout makes of it: under the
 * Ukrainian layout KeyC types «с», and the page must still read "C".
 */
import type { Page } from 'playwright-core';

const UK_LAYOUT: Record<string, string> = {
  Q: 'й', W: 'ц', E: 'у', R: 'к', T: 'е', Y: 'н', U: 'г', I: 'ш', O: 'щ', P: 'з',
  A: 'ф', S: 'і', D: 'в', F: 'а', G: 'п', H: 'р', J: 'о', K: 'л', L: 'д',
  Z: 'я', X: 'ч', C: 'с', V: 'м', B: 'и', N: 'т', M: 'ь',
};

function keyOf(ch: string, layout: 'uk' | 'latin'): { code: string; key: string; vk: number } {
  if (/[0-9]/.test(ch)) return { code: `Digit${ch}`, key: ch, vk: ch.charCodeAt(0) };
  if (ch === '-') return { code: 'Minus', key: '-', vk: 189 };
  const upper = ch.toUpperCase();
  const key = layout === 'uk' ? UK_LAYOUT[upper]!.toUpperCase() : upper;
  return { code: `Key${upper}`, key, vk: upper.charCodeAt(0) };
}

/** A scanner's pace: one key every few milliseconds, whatever the test machine is busy with. */
export const SCANNER_KEY_MS = 8;

/**
 * Types `text` as a scanner does: key after key with no pause, then Enter. Each event carries its own
 * timestamp (which becomes KeyboardEvent.timeStamp), so the page sees a scanner's timing even when a
 * loaded machine delivers the events slowly.
 */
export async function scan(page: Page, text: string, layout: 'uk' | 'latin'): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  let t = Date.now() / 1000;
  const at = () => (t += SCANNER_KEY_MS / 2000);
  try {
    for (const ch of text) {
      const { code, key, vk } = keyOf(ch, layout);
      await cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', code, key, text: key, unmodifiedText: key, windowsVirtualKeyCode: vk, timestamp: at() });
      await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', code, key, windowsVirtualKeyCode: vk, timestamp: at() });
    }
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', code: 'Enter', key: 'Enter', text: '\r', windowsVirtualKeyCode: 13, timestamp: at() });
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', code: 'Enter', key: 'Enter', windowsVirtualKeyCode: 13, timestamp: at() });
  } finally {
    await cdp.detach();
  }
}
