/**
 * Starting the shell against the fake Electron: as `npm start` would (a hub URL and a config file
 * from the CLI), or packaged (a config in TALON_CONFIG, the hub in a fake utility process whose
 * child side is played here as hubProcess.ts plays it).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ConfigInput } from '../../../main/config/schema.js';
import { startApp, type SetupShell, type Shell, type StartOptions } from '../../../main/electron/app.js';
import { FakeBrowserWindow, FakeUtilityProcess, utilityProcess } from '../../fakes/electron.js';

export const HUB_URL = 'http://127.0.0.1:7300';

type WindowInput = NonNullable<NonNullable<ConfigInput['app']>['windows']>[number];

/** A small valid centre whose `app.windows` are the given ones. */
export function writeConfig(dir: string, windows: WindowInput[], app: Partial<NonNullable<ConfigInput['app']>> = {}): string {
  const config: ConfigInput = {
    centre: { id: '8041', name: 'Test centre' },
    services: [{ code: 'DL_EXCHANGE', uk: 'Обмін посвідчення', en: 'Licence exchange' }],
    desks: [{ number: 1, services: ['DL_EXCHANGE'], token: 'desk-1-token' }],
    hub: { kioskTokens: ['kiosk-token-1'], adminTokens: ['admin-token-1'] },
    app: { windows, ...app },
  };
  const file = join(dir, 'talon.yaml');
  // JSON is YAML, and needs no quoting rules.
  writeFileSync(file, JSON.stringify(config, null, 2));
  return file;
}

export interface DevShell {
  shell: Shell;
  log: string[];
  windows: FakeBrowserWindow[];
}

/** The shell as launched by the CLI (TALON_HUB_URL set); fails the test if it did not start. */
export async function startDevShell(configPath: string | null, options: Omit<StartOptions, 'env' | 'log'> = {}): Promise<DevShell> {
  const log: string[] = [];
  const shell = await startApp({
    argv: configPath === null ? ['electron', '.', '--demo'] : ['electron', '.'],
    ...options,
    env: { TALON_HUB_URL: HUB_URL, TALON_CONFIG: configPath ?? '' },
    log: (line) => log.push(line),
  });
  if (shell?.kind !== 'centre') throw new Error(`the shell did not start a centre:\n${log.join('\n')}`);
  return { shell, log, windows: FakeBrowserWindow.getAllWindows() };
}

/**
 * Plays every forked hub as hubProcess.ts does: answers `start` with `listening` on `url`, and
 * `stop` by ending with exit code 0 (unless `holdStop`, then when `finishStop` is called).
 */
export function playHubProcess(url = 'http://127.0.0.1:7311') {
  const children: FakeUtilityProcess[] = [];
  const starts: { config: { centre: { name: string }; data: { dir: string } }; demo: boolean }[] = [];
  let holdStop = false;
  const stopping: FakeUtilityProcess[] = [];
  utilityProcess.onFork = (child) => {
    children.push(child);
    const answer = (message: unknown) => {
      const m = message as { type: string; config?: never; demo?: boolean };
      if (m.type === 'start') {
        starts.push({ config: m.config!, demo: m.demo! });
        child.simulateMessage({ type: 'listening', url });
      } else if (m.type === 'stop') {
        if (holdStop) stopping.push(child);
        else child.simulateExit(0);
      }
    };
    for (const message of child.posted) answer(message);
    child.on('posted', answer);
  };
  return {
    children,
    starts,
    holdStop: () => {
      holdStop = true;
    },
    finishStop: () => {
      for (const child of stopping.splice(0)) child.simulateExit(0);
    },
  };
}

/** The shell started as a packaged app with the given environment (no launcher). */
export async function startPackaged(env: NodeJS.ProcessEnv, options: Omit<StartOptions, 'env' | 'log'> = {}): Promise<{ shell: Shell | SetupShell | null; log: string[] }> {
  const log: string[] = [];
  const shell = await startApp({ argv: ['/opt/Talon/talon'], ...options, env, log: (line) => log.push(line) });
  return { shell, log };
}
