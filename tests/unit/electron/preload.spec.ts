import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createContext, runInContext } from 'node:vm';
import { beforeEach, describe, expect, it } from 'vitest';
import { windowArgument, type TalonBridge } from '../../../main/electron/bridge.js';
import { CHANNELS } from '../../../main/electron/channels.js';
import { contextBridge, ipcRenderer, resetElectronFake, rendererModule } from '../../fakes/electron.js';

const PRELOAD = fileURLToPath(new URL('../../../main/electron/preload.cjs', import.meta.url));

interface PreloadRun {
  required: string[];
  errors: unknown[][];
}

/**
 * Runs preload.cjs the way a sandboxed renderer does: its own global scope, a `require` that knows
 * only `electron`, and a `process` carrying the command line.
 */
function runPreload(argv: string[]): PreloadRun {
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

const ARGV = ['/opt/talon/talon', '--type=renderer', '--enable-sandbox'];

beforeEach(() => {
  resetElectronFake();
});

describe('the preload', () => {
  it("exposes the window's role, token and version as window.talon", () => {
    runPreload([...ARGV, windowArgument({ role: 'desk', token: 'dësk-1 token/+=', version: '1.2.3', channels: { windowReady: CHANNELS.windowReady } })]);

    const talon = exposedBridge();
    expect({ role: talon.role, token: talon.token, version: talon.version }).toEqual({ role: 'desk', token: 'dësk-1 token/+=', version: '1.2.3' });
    expect(Object.isFrozen(talon)).toBe(true);
  });

  it('reports readiness on the allow-listed channel with a payload it builds itself', () => {
    runPreload([...ARGV, windowArgument({ role: 'board', token: null, version: '1.2.3', channels: { windowReady: CHANNELS.windowReady } })]);

    (exposedBridge().reportReady as (...args: unknown[]) => void)({ role: 'admin', evil: true });

    expect(ipcRenderer.sent).toEqual([{ channel: CHANNELS.windowReady, args: [{ role: 'board' }] }]);
  });

  it('requires nothing but electron, as a sandboxed preload must', () => {
    const run = runPreload([...ARGV, windowArgument({ role: 'kiosk', token: 'k', version: '1', channels: { windowReady: CHANNELS.windowReady } })]);

    expect(run.required).toEqual(['electron']);
  });

  it('exposes nothing when the argument is missing or garbled', () => {
    for (const argv of [ARGV, [...ARGV, '--talon-window=%7Bnot-json'], [...ARGV, `--talon-window=${encodeURIComponent('{"role":"root"}')}`]]) {
      resetElectronFake();
      const run = runPreload(argv);
      expect(contextBridge.exposed.size).toBe(0);
      expect(run.errors).toHaveLength(1);
    }
  });
});
