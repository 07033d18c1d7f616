/**
 * Where the windows find the hub, and which windows to open. Two ways in:
 *  - development (`npm start`): the CLI runs the hub in plain Node and starts Electron with
 *    TALON_HUB_URL and TALON_CONFIG (`--demo` on the command line for the demo centre);
 *  - packaged app: the config is TALON_CONFIG or the machine-wide file (machinePaths.ts), the data
 *    TALON_DATA or the machine-wide folder, and the hub runs in its own utility process, supervised,
 *    unless the config points at a remote hub.
 * No usable config and no `--demo`: a set-up screen, never the demo by itself.
 */
import { existsSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import type { TalonConfig } from '../config/schema.js';
import { machinePaths } from './machinePaths.js';
import { HubSetupError, superviseHub, type StartedHub } from './hubSupervisor.js';
import type { SetupProblem } from './setupScreen.js';
import { roleTokens, type RoleTokens } from './tokens.js';
import type { WindowSpec } from './windows.js';

export interface HubLink {
  url(): string;
  /** True when the hub runs in a process of this app: then the app outlives its windows. */
  readonly hosted: boolean;
  stop(): Promise<void>;
}

export type ShellSetup =
  | { kind: 'centre'; link: HubLink; windows: WindowSpec[]; tokens: RoleTokens; exitPinHash: string | undefined }
  | { kind: 'setup'; problem: SetupProblem };

export interface LaunchEnv {
  hubUrl: string;
  /** null when the CLI passed none (then only `--demo` opens windows). */
  configPath: string | null;
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
  return { hubUrl: parsed.origin, configPath: env.TALON_CONFIG?.trim() || null };
}

/** The hub's process; hubFork.ts in the app, a stand-in in tests. */
export type StartHub = (config: TalonConfig, options: { demo: boolean }) => Promise<StartedHub>;

export interface HubLinkOptions {
  env: NodeJS.ProcessEnv;
  /** The app's command line: `--demo` asks for the demo centre. */
  argv: readonly string[];
  platform?: NodeJS.Platform;
  log: (line: string) => void;
  startHub: StartHub;
  /** The hub gave up on its set-up after it had run (its data folder became unwritable, say). */
  onSetupError?: (problem: SetupProblem) => void;
}

type Centre = { ok: true; config: TalonConfig; demo: boolean } | { ok: false; problem: SetupProblem };

export async function linkToHub(options: HubLinkOptions): Promise<ShellSetup> {
  const { env, log } = options;
  const demo = options.argv.includes('--demo');
  const paths = machinePaths(env, options.platform);
  const dataOverridden = Boolean(env.TALON_DATA?.trim());
  const launch = readLaunchEnv(env);
  if (launch) {
    const centre = await readCentre(launch.configPath ?? paths.configFile, paths.dataDir, demo && launch.configPath === null, dataOverridden);
    if (!centre.ok) return { kind: 'setup', problem: centre.problem };
    log(`hub: using ${launch.hubUrl} (started by the CLI)`);
    return { kind: 'centre', link: outsideHub(launch.hubUrl), ...windowsOf(centre) };
  }

  const centre = await readCentre(paths.configFile, paths.dataDir, demo, dataOverridden);
  if (!centre.ok) return { kind: 'setup', problem: centre.problem };
  const { config } = centre;
  if (!config.app.runHub && config.app.remoteHub) {
    const remote = new URL(config.app.remoteHub).origin;
    log(`hub: using the remote hub ${remote}`);
    return { kind: 'centre', link: outsideHub(remote), ...windowsOf(centre) };
  }
  log(centre.demo ? 'hub: starting the demo centre (--demo)' : `hub: starting centre ${config.centre.id} from ${paths.configFile}`);
  const problemOf = (error: HubSetupError): SetupProblem => ({ configFile: paths.configFile, dataDir: config.data.dir, found: 'hub', details: [error.message] });
  const supervisor = superviseHub({
    start: () => options.startHub(config, { demo: centre.demo }),
    log,
    onSetupError: (error) => options.onSetupError?.(problemOf(error)),
  });
  try {
    await supervisor.started;
  } catch (error) {
    if (error instanceof HubSetupError) return { kind: 'setup', problem: problemOf(error) };
    throw error;
  }
  return { kind: 'centre', link: { url: supervisor.url, hosted: true, stop: supervisor.stop }, ...windowsOf(centre) };
}

function windowsOf(centre: { config: TalonConfig; demo: boolean }) {
  const { config } = centre;
  const tokens = roleTokens(config);
  // The demo's desk window signs in as its first desk; a real desk window names its own token.
  const firstDesk = config.desks[0]?.token;
  if (centre.demo && firstDesk) tokens.desk = firstDesk;
  return { windows: config.app.windows, tokens, exitPinHash: config.app.exitPin };
}

async function readCentre(configFile: string, dataDir: string, demo: boolean, dataOverridden: boolean): Promise<Centre> {
  if (demo) {
    const { demoConfig } = await import('../config/demo.js');
    return { ok: true, config: demoConfig(join(dataDir, 'demo')), demo: true };
  }
  if (!existsSync(configFile)) return { ok: false, problem: { configFile, dataDir, found: 'missing', details: [] } };
  const { loadConfig, ConfigError } = await import('../config/load.js');
  try {
    const config = loadConfig(configFile);
    // A relative data.dir means nothing to an app started from a desktop icon: the machine's folder then.
    const dir = dataOverridden ? dataDir : isAbsolute(config.data.dir) ? config.data.dir : dataDir;
    return { ok: true, config: { ...config, data: { ...config.data, dir } }, demo: false };
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return { ok: false, problem: { configFile, dataDir, found: 'invalid', details: error.message.split('\n') } };
  }
}

function outsideHub(url: string): HubLink {
  return { url: () => url, hosted: false, stop: async () => undefined };
}
