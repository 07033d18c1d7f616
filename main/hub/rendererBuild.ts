/**
 * Builds the renderer's pages (renderer/dist) when they are missing or older than their sources, for
 * `talon start` in a checkout and for the tests. Vite is imported only when a build is needed: the
 * packaged app ships a prebuilt dist and no Vite.
 */
import { existsSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { silentLog, type Log } from '../core/log.js';
import { RENDERER_DIST } from './pages.js';

const RENDERER = resolve(RENDERER_DIST, '..');
const PROTOCOL = resolve(RENDERER, '..', 'sync', 'protocol');
const STAMP = '.built';

function newestIn(dir: string, skip: (name: string) => boolean): number {
  let newest = 0;
  if (!existsSync(dir)) return newest;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (skip(entry.name)) continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestIn(path, skip) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Whether renderer/dist is older than any renderer or protocol source (or missing). */
export function rendererStale(): boolean {
  const sources = newestIn(RENDERER, (n) => n === 'dist' || n.startsWith('.dist-'));
  // A packaged app has the built pages and no sources: nothing to compare, nothing to build.
  if (sources === 0) return false;
  const stamp = join(RENDERER_DIST, STAMP);
  if (!existsSync(stamp)) return true;
  return Math.max(sources, newestIn(PROTOCOL, () => false)) > statSync(stamp).mtimeMs;
}

export type BuildOutcome = 'fresh' | 'built' | 'unavailable';

/**
 * Builds into a temporary folder and swaps it in, so a page being served (or a test reading dist)
 * never sees a half-written build.
 */
export async function ensureRendererBuilt(log: Log = silentLog): Promise<BuildOutcome> {
  if (!rendererStale()) return 'fresh';
  let vite: typeof import('vite');
  try {
    vite = await import('vite');
  } catch {
    log.warn({ component: 'renderer' }, 'the pages are out of date and Vite is not installed; serving what is there');
    return 'unavailable';
  }
  const out = join(RENDERER, `.dist-${process.pid}-${Date.now()}`);
  const started = Date.now();
  try {
    await vite.build({ configFile: join(RENDERER, 'vite.config.ts'), logLevel: 'warn', build: { outDir: out, emptyOutDir: true } });
    writeFileSync(join(out, STAMP), new Date().toISOString());
    const old = `${RENDERER_DIST}.old-${process.pid}-${Date.now()}`;
    if (existsSync(RENDERER_DIST)) renameSync(RENDERER_DIST, old);
    try {
      renameSync(out, RENDERER_DIST);
    } catch (err) {
      // Another process swapped its own fresh build in meanwhile; that one serves as well.
      if (!existsSync(join(RENDERER_DIST, STAMP))) throw err;
    }
    rmSync(old, { recursive: true, force: true });
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
  log.info({ component: 'renderer', ms: Date.now() - started }, 'built the pages');
  return 'built';
}
