/**
 * Where the windows find the hub, and which windows to open. Two ways in:
 *  - development (`npm start`): the CLI runs the hub in plain Node and starts Electron with
 *    TALON_HUB_URL, TALON_CONFIG (the config file, empty for the demo) and TALON_TOKENS;
 *  - packaged app: no TALON_HUB_URL; the config is <userData>/talon.yaml (else the demo centre) and
 *    the hub runs in this process, supervised, unless the config points at a remote hub.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { TalonConfig } from '../config/schema.js';
import { startCentreHub } from './centreHub.js';
import { superviseHub, type StartedHub } from './hubSupervisor.js';
import { parseRoleTokens, roleTokens, type RoleTokens } from './tokens.js';
import type { WindowSpec } from './windows.js';

export interface HubLink {
  url(): string;
  /** True when the hub runs in this process: then the app outlives its windows. */
  readonly hosted: boolean;
  /** Replaces a broken in-process hub; nothing to do for an outside one. */
  restart(reason: string): void;
  stop(): Promise<void>;
}

export interface ShellSetup {
  link: HubLink;
  windows: WindowSpec[];
  tokens: RoleTokens;
}

export const CONFIG_FILE = 'talon.yaml';

export interface LaunchEnv {
  hubUrl: string;
  /** null for the demo centre. */
  configPath: string | null;
  tokens: RoleTokens;
}

/** The development launch, from the environment the CLI sets; null when not launched that way. */
export function readLaunchEnv(env: NodeJS.ProcessEnv): LaunchEnv | null {
  const hubUrl = env.TALON_HUB_URL?.trim();
  if (!hubUrl) return null;
  let parsed: URL;
  try {
    parsed = new URL(hubUrl);
  } catch {
    throw new Error(`TALON_HUB_URL is not a URL: ${hubUrl}`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error(`TALON_HUB_URL must be http(s): ${hubUrl}`);
  return { hubUrl: parsed.origin, configPath: env.TALON_CONFIG?.trim() || null, tokens: parseRoleTokens(env.TALON_TOKENS) };
}

export interface HubLinkOptions {
  env: NodeJS.ProcessEnv;
  userData: string;
  log: (line: string) => void;
  /** The in-process hub; replaced in tests. */
  startHub?: (config: TalonConfig, options: { demo: boolean; log: (line: string) => void }) => Promise<StartedHub>;
}

export async function linkToHub(options: HubLinkOptions): Promise<ShellSetup> {
  const { env, userData, log } = options;
  const launch = readLaunchEnv(env);
  if (launch) {
    const { config } = await readCentre(launch.configPath, userData);
    log(`hub: using ${launch.hubUrl} (started by the CLI)`);
    // The launcher's tokens win; the config's fill in the roles it did not pass.
    return { link: outsideHub(launch.hubUrl), windows: config.app.windows, tokens: { ...roleTokens(config), ...launch.tokens } };
  }

  const file = join(userData, CONFIG_FILE);
  const { config, demo } = await readCentre(existsSync(file) ? file : null, userData);
  const tokens = roleTokens(config);
  if (!config.app.runHub && config.app.remoteHub) {
    const remote = new URL(config.app.remoteHub).origin;
    log(`hub: using the remote hub ${remote}`);
    return { link: outsideHub(remote), windows: config.app.windows, tokens };
  }
  log(demo ? `hub: no ${file}; starting the demo centre` : `hub: starting centre ${config.centre.id} from ${file}`);
  const start = options.startHub ?? startCentreHub;
  const supervisor = superviseHub({ start: () => start(config, { demo, log }), log });
  await supervisor.started;
  return {
    link: { url: supervisor.url, hosted: true, restart: supervisor.restart, stop: supervisor.stop },
    windows: config.app.windows,
    tokens,
  };
}

async function readCentre(configPath: string | null, userData: string): Promise<{ config: TalonConfig; demo: boolean }> {
  if (configPath !== null) {
    const { loadConfig } = await import('../config/load.js');
    return { config: loadConfig(configPath), demo: false };
  }
  const { demoConfig } = await import('../config/demo.js');
  return { config: demoConfig(join(userData, 'demo-data')), demo: true };
}

function outsideHub(url: string): HubLink {
  return { url: () => url, hosted: false, restart: () => undefined, stop: async () => undefined };
}
