/**
 * The hall board as the hall reads it, measured in headless Chromium at the four screens centres
 * have (1920×1080, 1366×768, 1280×720, 1080×1920): six calls in a few seconds all shown in large
 * type with the newest marked, every ticket number ≥ 80 px, service rows ≥ 44 px and no text under
 * 28 px at 1080 lines, and on every screen and layout (calls, calls under the all-clear, the alert)
 * nothing overflowing, off screen or cut.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ask, cmdId, connected, TOKENS, type TestHub } from '../helpers/hub.js';
import { useTempDir } from '../helpers/tmp.js';
import { launchChromium, openRole, type RolePage } from './browser.js';
import { BOARD_SIZES, sixCalls, startBigCentre } from './boardCentre.js';

const tempDir = useTempDir('talon-e2e-board-layout-');
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

interface Measured {
  /** Elements whose box leaves the screen, or whose content is wider or taller than their box. */
  cut: string[];
  /** The smallest font size of any visible text, and where. */
  smallestText: { px: number; text: string };
  numbers: number[];
  serviceRows: number[];
}

/** Everything visible on the board, measured in the page. */
function measure(page: Page): Promise<Measured> {
  return page.evaluate(() => {
    const hidden = (el: Element) => el.closest('.visually-hidden') !== null;
    const name = (el: Element) => `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? `.${el.className.trim().split(/\s+/).join('.')}` : ''} «${(el.textContent ?? '').trim().slice(0, 40)}»`;
    const cut: string[] = [];
    const W = window.innerWidth;
    const H = window.innerHeight;
    const root = document.querySelector('[data-testid=board]')!;
    if (root.scrollHeight > root.clientHeight + 1 || root.scrollWidth > root.clientWidth + 1) cut.push(`the board itself scrolls: ${root.scrollWidth}×${root.scrollHeight}`);
    for (const el of root.querySelectorAll('*')) {
      if (hidden(el) || el instanceof SVGElement) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      if (r.left < -0.5 || r.top < -0.5 || r.right > W + 0.5 || r.bottom > H + 0.5) cut.push(`off screen: ${name(el)} at ${Math.round(r.left)},${Math.round(r.top)}–${Math.round(r.right)},${Math.round(r.bottom)}`);
      const he = el as HTMLElement;
      if (he.clientWidth > 0 && (he.scrollWidth > he.clientWidth + 1 || he.scrollHeight > he.clientHeight + 1)) {
        cut.push(`overflows its box: ${name(el)} ${he.scrollWidth}×${he.scrollHeight} in ${he.clientWidth}×${he.clientHeight}`);
      }
      const parent = el.parentElement;
      if (parent && parent !== root && !hidden(parent)) {
        const p = parent.getBoundingClientRect();
        if (r.left < p.left - 0.5 || r.right > p.right + 0.5 || r.top < p.top - 0.5 || r.bottom > p.bottom + 0.5) cut.push(`sticks out of its parent: ${name(el)}`);
      }
    }
    let smallestText = { px: Infinity, text: '' };
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement!;
      if (!n.textContent?.trim() || hidden(el)) continue;
      const px = parseFloat(getComputedStyle(el).fontSize);
      if (px < smallestText.px) smallestText = { px, text: n.textContent.trim().slice(0, 40) };
    }
    const numbers = [...root.querySelectorAll('.call-number, .call-desk')].map((e) => parseFloat(getComputedStyle(e).fontSize));
    const serviceRows = [...root.querySelectorAll('[data-testid=board-services] tbody tr')].map((e) => e.getBoundingClientRect().height);
    return { cut, smallestText, numbers, serviceRows };
  });
}

async function setAlert(t: TestHub, active: boolean): Promise<void> {
  const admin = t.client('admin', TOKENS.admin);
  await connected(admin);
  await ask(admin, 'alert', { commandId: cmdId(), active });
  admin.close();
}

describe('the hall board at every screen size', () => {
  it('shows six calls of a few seconds whole and large, the newest marked, and fits every layout on every screen', async () => {
    const { t, clock } = await startBigCentre(tempDir());
    const pages: [string, RolePage][] = [];
    try {
      const order = await sixCalls(t, clock);
      for (const [label, size] of Object.entries(BOARD_SIZES)) {
        const p = await openRole(browser, 'board', { size });
        // The all-clear stays up while it is measured.
        await p.page.goto(`${t.hub.url}/board?allClear=600000`);
        pages.push([label, p]);
      }
      const found: Record<string, unknown> = {};
      for (const [label, { page }] of pages) {
        await page.waitForFunction(() => document.querySelectorAll('[data-testid=calls] > li').length === 6);
        // The recall of desk 11 refreshed its row: six tickets, six desks, the recalled one on top.
        const shown = await page.$$eval('[data-testid=calls] > li', (els) => els.map((e) => Number((e as HTMLElement).dataset.desk)));
        expect(shown.slice().sort((a, b) => a - b), label).toEqual(order.slice().sort((a, b) => a - b));
        expect(shown[0], label).toBe(11);
        expect(await page.$$eval('.call.newest .tag-newest', (els) => els.length), label).toBe(1);
        await page.evaluate(() => document.getAnimations().forEach((a) => a.finish()));
        const m = await measure(page);
        if (m.cut.length) found[`${label} calls`] = m.cut;
        expect(m.numbers).toHaveLength(12);
        if (label === '1920×1080') {
          expect(Math.min(...m.numbers), 'ticket and desk numbers at 1080 lines').toBeGreaterThanOrEqual(80);
          expect(Math.min(...m.serviceRows), 'service rows at 1080 lines').toBeGreaterThanOrEqual(44);
          expect(m.smallestText.px, `smallest text at 1080 lines: «${m.smallestText.text}»`).toBeGreaterThanOrEqual(28);
        }
        if (label === '1080×1920') {
          expect(Math.min(...m.numbers), 'ticket numbers on a portrait board').toBeGreaterThanOrEqual(80);
          expect(m.smallestText.px, `smallest text on a portrait board: «${m.smallestText.text}»`).toBeGreaterThanOrEqual(28);
        }
      }

      await setAlert(t, true);
      for (const [label, { page }] of pages) {
        await page.waitForSelector('[data-testid=board-alert]');
        const m = await measure(page);
        if (m.cut.length) found[`${label} alert`] = m.cut;
      }
      await setAlert(t, false);
      for (const [label, { page }] of pages) {
        await page.waitForSelector('[data-testid=all-clear]');
        await page.waitForSelector('[data-testid=calls]');
        const m = await measure(page);
        if (m.cut.length) found[`${label} all-clear`] = m.cut;
      }
      expect(found).toEqual({});
      for (const [, p] of pages) expect(p.errors).toEqual([]);
    } finally {
      for (const [, p] of pages) await p.context.close();
      await t.stop();
    }
  }, 60_000);
});
