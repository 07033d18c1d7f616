/**
 * Starting the Electron shell from plain Node (the `talon start` CLI), with the hub already running
 * in the CLI's process. Nothing here imports Electron: `findElectron` asks the `electron` npm package
 * where its binary is and whether it can run here, `launchElectron` spawns it on this app.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';

export type ElectronLookup = { ok: true; binary: string } | { ok: false; reason: string };

export interface FindElectronOptions {
  /** A file or directory to resolve the `electron` package from; this project by default. */
  from?: string;
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  /** Whether this process runs as root; read from the process by default. */
  root?: boolean;
  /** How long `electron --version` may take. */
  probeTimeoutMs?: number;
}

/** Where the Electron binary is, or one line saying why Electron cannot run here. */
export function findElectron(options: FindElectronOptions = {}): ElectronLookup {
  const env = options.env ?? process.env;
  const platform = options.platform ?? process.platform;
  const from = options.from ?? fileURLToPath(import.meta.url);
  // createRequire resolves from a file; for a directory, from a (never read) file inside it.
  const requireFrom = createRequire(isDirectory(from) ? join(from, 'index.js') : from);

  let exported: unknown;
  try {
    // The npm package exports the path of the binary it downloaded; it throws when the download failed.
    exported = requireFrom('electron');
  } catch (error) {
    const notInstalled = (error as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND' && /'electron'/.test(String(error));
    return {
      ok: false,
      reason: notInstalled
        ? 'the electron package is not installed (it is optional and its install was skipped or failed)'
        : `the electron package is installed but not its binary (${firstLine(error)}); reinstall it where its download is reachable`,
    };
  }
  if (typeof exported !== 'string') return { ok: false, reason: 'the electron package did not give the path of its binary' };
  if (!existsSync(exported)) return { ok: false, reason: `the Electron binary is missing: ${exported}` };
  if (platform === 'linux') {
    if (!env.DISPLAY && !env.WAYLAND_DISPLAY) return { ok: false, reason: 'no display to show windows on (neither DISPLAY nor WAYLAND_DISPLAY is set)' };
    if (options.root ?? (process.getuid?.() === 0)) {
      return { ok: false, reason: "Electron does not run as root (Chromium's sandbox needs a normal user)" };
    }
  }
  // Catches what existence does not: missing shared libraries, a display that is set but not there.
  const probe = spawnSync(exported, ['--version'], {
    env: withoutRunAsNode(env),
    encoding: 'utf8',
    timeout: options.probeTimeoutMs ?? 15_000,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (probe.error) return { ok: false, reason: `the Electron binary cannot run: ${firstLine(probe.error)}` };
  if (probe.status !== 0) {
    const why = firstLine(probe.stderr) || (probe.signal ? `killed by ${probe.signal}` : `exit code ${probe.status}`);
    return { ok: false, reason: `the Electron binary cannot run: ${why}` };
  }
  return { ok: true, binary: exported };
}

export interface LaunchElectronOptions {
  binary: string;
  /** The hub the windows load their pages from, e.g. http://127.0.0.1:7300. */
  hubUrl: string;
  /** The config file whose `app.windows` (and tokens) to open; null for the demo centre. */
  configPath: string | null;
  /** Gets each line Electron prints, already prefixed with `electron: `. */
  log: (line: string) => void;
  /** The app Electron runs; this project (package.json "main" is main/electron/boot.cjs) by default. */
  appDir?: string;
  env?: NodeJS.ProcessEnv;
}

/**
 * Starts Electron on this app. It is given the app's directory rather than boot.cjs itself, so it
 * takes Talon's name and version from package.json, and with them its own userData directory and
 * single-instance lock. Only the hub's URL and the config file's path go in its environment; the
 * shell reads the tokens from the file, and the demo is asked for with `--demo`.
 */
export function launchElectron(options: LaunchElectronOptions): ChildProcess {
  const appDir = options.appDir ?? projectRoot();
  const env = withoutRunAsNode({
    ...(options.env ?? process.env),
    TALON_HUB_URL: options.hubUrl,
    TALON_CONFIG: options.configPath ?? '',
  });
  delete env.TALON_TOKENS;
  const args = options.configPath === null ? [appDir, '--demo'] : [appDir];
  const child = spawn(options.binary, args, { cwd: appDir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const forward = (stream: Readable | null) => {
    if (stream) createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => options.log(`electron: ${line}`));
  };
  forward(child.stdout);
  forward(child.stderr);
  child.on('error', (error) => options.log(`electron: could not start: ${error.message}`));
  return child;
}

/** With ELECTRON_RUN_AS_NODE set, the binary would run as plain Node and never open a window. */
function withoutRunAsNode(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const copy = { ...env };
  delete copy.ELECTRON_RUN_AS_NODE;
  return copy;
}

function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find package.json above main/electron');
    dir = parent;
  }
  return dir;
}

function isDirectory(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;
}

function firstLine(value: unknown): string {
  const text = value instanceof Error ? value.message : typeof value === 'string' ? value : String(value);
  const line = text.split('\n').find((l) => l.trim() !== '') ?? '';
  // Chromium prefixes its log lines with [pid:tid:date:LEVEL:file(line)].
  return line.replace(/^\[[^\]]*\]\s*/, '').trim();
}
