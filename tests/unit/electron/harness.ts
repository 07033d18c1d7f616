/**
 * Starting the shell against the fake Electron, as `npm start` would: a hub URL, a config file with
 * the windows to open, the role tokens.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ConfigInput } from '../../../main/config/schema.js';
import { startApp, type Shell, type StartOptions } from '../../../main/electron/app.js';
import { FakeBrowserWindow } from '../../fakes/electron.js';

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
export async function startDevShell(
  configPath: string | null,
  options: Omit<StartOptions, 'env' | 'log'> & { tokens?: Record<string, string> } = {},
): Promise<DevShell> {
  const log: string[] = [];
  const { tokens, ...rest } = options;
  const shell = await startApp({
    ...rest,
    env: { TALON_HUB_URL: HUB_URL, TALON_CONFIG: configPath ?? '', TALON_TOKENS: JSON.stringify(tokens ?? {}) },
    log: (line) => log.push(line),
  });
  if (!shell) throw new Error(`the shell did not start:\n${log.join('\n')}`);
  return { shell, log, windows: FakeBrowserWindow.getAllWindows() };
}

/** The argument the preload reads, decoded. */
export function windowArgumentOf(window: FakeBrowserWindow): unknown {
  const arg = window.options.webPreferences.additionalArguments.find((a) => a.startsWith('--talon-window='));
  return arg === undefined ? undefined : JSON.parse(decodeURIComponent(arg.slice('--talon-window='.length)));
}
