/**
 * Headless Chromium for the e2e specs: Debian's /usr/bin/chromium driven by playwright-core, one
 * browser per spec file, a fresh context (own storage) per page group.
 */
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { Namespace } from '../../sync/protocol/hub.js';

export const CHROMIUM = process.env.TALON_CHROMIUM ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  // The hall board announces calls without anyone clicking, as in Electron.
  '--autoplay-policy=no-user-gesture-required',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

export const SIZES = {
  landscape: { width: 1920, height: 1080 },
  portrait: { width: 1080, height: 1920 },
  desk: { width: 1440, height: 900 },
} as const;

export interface PageOptions {
  /** As the Electron shell gives it (`window.talon`); omitted, the page runs as in a plain browser. */
  shellToken?: string | null;
  /** Remembered in this browser's storage, as after a sign-in. */
  storedToken?: string;
  size?: { width: number; height: number };
}

/** A fresh browser context (own storage) with one page for a role. */
export interface RolePage {
  context: BrowserContext;
  page: Page;
  /** Uncaught errors in the page; a spec expects none. */
  errors: string[];
}

export async function openRole(browser: Browser, role: Namespace, options: PageOptions = {}): Promise<RolePage> {
  const context = await browser.newContext({ viewport: options.size ?? SIZES.landscape, deviceScaleFactor: 1 });
  // tsx (the benches, the screenshot script) names functions with a `__name` helper; functions sent
  // into the page must find it there too.
  await context.addInitScript({ content: 'globalThis.__name ??= (f) => f;' });
  if (options.shellToken !== undefined) {
    await context.addInitScript(
      ({ role: r, token }) => {
        const config = Object.freeze({ role: r, token, version: 'test' });
        (window as unknown as { talon: unknown }).talon = { config: () => Promise.resolve(config), reportReady: () => undefined };
      },
      { role, token: options.shellToken },
    );
  }
  if (options.storedToken) {
    await context.addInitScript(({ role: r, token }) => window.localStorage.setItem(`talon.token.${r}`, token), { role, token: options.storedToken });
  }
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  return { context, page, errors };
}
