import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createContext, runInContext } from 'node:vm';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { TalonBridge } from '../../../main/electron/bridge.js';
import { CHANNELS } from '../../../main/electron/channels.js';
import { useTempDir } from '../../helpers/tmp.js';
import { FakeBrowserWindow, contextBridge, ipcRenderer, resetElectronFake, rendererModule } from '../../fakes/electron.js';
import { startDevShell, writeConfig } from './harness.js';

vi.mock('../../../main/electron/electron.js', () => import('../../fakes/electron.js'));

const PRELOAD = fileURLToPath(new URL('../../../main/electron/preload.cjs', import.meta.url));
const tempDir = useTempDir('talon-preload-');

interface PreloadRun {
  required: string[];
  errors: unknown[][];
}

/**
 * Runs preload.cjs the way a sandboxed renderer does: its own global scope, a `require` that knows
 * only `electron`, and a `process` whose command line is the renderer's.
 */
function runPreload(argv: string[] = ['/opt/talon/talon', '--type=renderer', '--enable-sandbox']): PreloadRun {
  const run: PreloadRun = { required: [], errors: [] };
  const sandboxRequire = (id: string) => {
    run.required.push(id);
    if (id === 'electron') return rendererModule;
    throw new Error(`module not found: ${id}`);
  };
  const context = createContext({
    require: sandboxRequire,
    process: { argv },
    console: { error: (...args: unknown[]) => run.errors.push(args), log: () => undefined },
  });
  runInContext(readFileSync(PRELOAD, 'utf8'), context, { filename: PRELOAD });
  return run;
}

function exposedBridge(): TalonBridge {
  return contextBridge.exposed.get('talon') as TalonBridge;
}

beforeEach(() => {
  resetElectronFake();
});

/** A desk window of the shell whose page has committed to the hub: its preload is about to run. */
async function deskPage() {
  const { windows } = await startDevShell(writeConfig(tempDir(), [{ role: 'desk', display: 0, fullscreen: false, token: 'dësk-1 token/+=' }]));
  const page = windows[0]!.webContents;
  page.simulateLoadFinished();
  ipcRenderer.contents = page;
  return page;
}

describe('the preload', () => {
  it("asks the shell for the window's role, token and version over IPC and exposes them as window.talon", async () => {
    await deskPage();
    runPreload();

    const talon = exposedBridge();
    expect(Object.isFrozen(talon)).toBe(true);
    const config = await talon.config();
    expect(config).toEqual({ role: 'desk', token: 'dësk-1 token/+=', version: '0.1.0' });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('puts no token on the renderer command line, in the page URL or in the window options', async () => {
    const page = await deskPage();
    const window = FakeBrowserWindow.getAllWindows()[0]!;

    expect(JSON.stringify(window.options)).not.toContain('dësk-1');
    expect(page.getLastWebPreferences()?.additionalArguments ?? []).toEqual([]);
    expect(page.getURL()).not.toContain('token');
  });

  it('reports readiness on the allow-listed channel with a payload it builds itself', async () => {
    await deskPage();
    runPreload();

    (exposedBridge().reportReady as (...args: unknown[]) => void)({ role: 'admin', evil: true });

    await vi.waitFor(() => expect(ipcRenderer.sent).toEqual([{ channel: CHANNELS.windowReady, args: [{ role: 'desk' }] }]));
  });

  it('requires nothing but electron, as a sandboxed preload must', () => {
    const run = runPreload();

    expect(run.required).toEqual(['electron']);
  });

  it('gives the page no configuration when the shell refuses it (a page off the hub)', async () => {
    const page = await deskPage();
    page.mainFrame.url = 'https://example.com/';
    const run = runPreload();

    await expect(exposedBridge().config()).resolves.toBeNull();
    exposedBridge().reportReady();
    await vi.waitFor(() => expect(run.errors).toHaveLength(1));
    expect(String(run.errors[0])).toContain('FOREIGN_FRAME');
    expect(ipcRenderer.sent).toEqual([]);
  });
});
