/**
 * `npm run smoke:electron`: the shell's security checks against a real, packaged Electron, on a
 * machine where Electron runs (Linux with a display; not part of `npm test`). See docs/electron.md.
 *
 * It packs the app as it ships (`electron-builder --dir`: fuses flipped, better-sqlite3 rebuilt for
 * Electron), or takes `--app <binary>`; starts it on a config with a kiosk and a board; attaches with
 * playwright-core over Chromium's DevTools protocol and checks: no Node in any page, the token
 * reaching the page over IPC only, navigation away and window.open refused, no token on any of the
 * app's processes' command lines (or in their environment), the kiosk stuck in full screen, the hub
 * in its own utility process. Prints one JSON report; exits 1 when a check fails.
 *
 * playwright-core's `_electron.launch` drives Electron through Node's inspector (`--inspect`), which
 * the `enableNodeCliInspectArguments` fuse takes out of the packaged binary, so this attaches with
 * `chromium.connectOverCDP` to the app started with Chromium's own `--remote-debugging-port`.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium, type Browser, type Page } from 'playwright-core';
import { hashExitPin } from '../../main/electron/exitPin.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TOKENS = { kiosk: 'smoke-kiosk-token-5b1e', board: 'smoke-board-token-9c3d', admin: 'smoke-admin-token-77aa', desk: 'smoke-desk-token-41f0' };

interface Check {
  ok: boolean;
  detail: unknown;
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { app: { type: 'string' }, 'keep-open': { type: 'boolean' } } });
  if (process.platform !== 'linux') throw new Error('the smoke reads /proc for processes and sockets: run it on Linux');
  if (!process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) throw new Error('no display: run it under a desktop session or xvfb-run');
  const binary = values.app ?? pack();

  const dir = mkdtempSync(join(tmpdir(), 'talon-smoke-'));
  const port = await freePort();
  const config = join(dir, 'talon.yaml');
  writeFileSync(
    config,
    JSON.stringify({
      centre: { id: '8041', name: 'Smoke centre' },
      services: [{ code: 'DL_EXCHANGE', uk: 'Обмін посвідчення', en: 'Licence exchange' }],
      desks: [{ number: 1, services: ['DL_EXCHANGE'], token: TOKENS.desk }],
      hub: { host: '127.0.0.1', port, kioskTokens: [TOKENS.kiosk], adminTokens: [TOKENS.admin], boardTokens: [TOKENS.board] },
      app: {
        exitPin: hashExitPin('482913'),
        windows: [
          { role: 'kiosk', display: 0, fullscreen: true },
          { role: 'board', display: 0, fullscreen: true },
        ],
      },
    }),
  );
  const hubOrigin = `http://127.0.0.1:${port}`;
  const app = launch(binary, { TALON_CONFIG: config, TALON_DATA: join(dir, 'data') });
  const checks: Record<string, Check> = {};
  let browser: Browser | undefined;
  try {
    const endpoint = await app.waitForLine(/DevTools listening on (ws:\/\/\S+)/, 60_000);
    browser = await chromium.connectOverCDP(endpoint[1]!);
    const pages = await waitFor(
      'the kiosk and the board pages',
      () => {
        const open = browser!.contexts().flatMap((c) => c.pages());
        const kiosk = open.find((p) => p.url() === `${hubOrigin}/kiosk`);
        const board = open.find((p) => p.url() === `${hubOrigin}/board`);
        return kiosk && board ? { kiosk, board } : undefined;
      },
      60_000,
    );

    checks.noNodeInAnyPage = await noNodeIn(browser);
    checks.tokenOnlyOverIpc = await tokensOverIpc(pages);
    checks.navigationRefused = await navigationRefused(pages.kiosk, app, hubOrigin);
    checks.windowOpenDenied = await check(async () => {
      const opened = await pages.kiosk.evaluate(() => window.open('https://example.com/') === null);
      return { ok: opened, detail: { windowOpenReturnedNull: opened } };
    });
    checks.noTokenInAnyArgv = noTokenInProcesses(app.child.pid!);
    checks.kioskStuckInFullScreen = await kioskStuck(pages.kiosk, app);
    checks.hubInItsOwnProcess = await hubProcess(app.child.pid!, port, hubOrigin);
  } catch (error) {
    checks.started = { ok: false, detail: { error: String(error), log: app.lines.slice(-40) } };
  } finally {
    await browser?.close().catch(() => undefined);
    if (!values['keep-open']) app.child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
  const ok = Object.values(checks).every((c) => c.ok);
  console.log(JSON.stringify({ ok, binary, checks }, null, 2));
  return ok ? 0 : 1;
}

/** `electron-builder --dir`: the unpacked app as it ships, fuses flipped. */
function pack(): string {
  const steps: string[][] = [
    ['npm', 'run', 'build'],
    ['npm', 'run', 'build:renderer'],
    ...(existsSync(join(ROOT, 'build/clips')) ? [] : [['npm', 'run', 'build:clips']]),
    ['npx', 'electron-builder', '--config', 'electron-builder.yml', '--dir', '--linux'],
  ];
  for (const step of steps) {
    const result = spawnSync(step[0]!, step.slice(1), { cwd: ROOT, stdio: 'inherit' });
    if (result.status !== 0) throw new Error(`${step.join(' ')} failed`);
  }
  const binary = join(ROOT, 'release/linux-unpacked/talon');
  if (!existsSync(binary)) throw new Error(`electron-builder made no ${binary}`);
  return binary;
}

interface LaunchedApp {
  child: ChildProcess;
  lines: string[];
  waitForLine(pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray>;
}

function launch(binary: string, env: Record<string, string>): LaunchedApp {
  const child = spawn(binary, ['--remote-debugging-port=0'], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const waiters: { pattern: RegExp; resolve: (m: RegExpMatchArray) => void; reject: (e: Error) => void }[] = [];
  let ended: string | null = null;
  const end = (why: string) => {
    ended = why;
    take(`talon: ${why}`);
    for (const waiter of waiters.splice(0)) waiter.reject(new Error(why));
  };
  const take = (line: string) => {
    lines.push(line);
    for (const waiter of [...waiters]) {
      const match = line.match(waiter.pattern);
      if (match) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(match);
      }
    }
  };
  for (const stream of [child.stdout, child.stderr]) createInterface({ input: stream! }).on('line', take);
  child.on('error', (error) => end(`could not start: ${error.message}`));
  child.on('exit', (code, signal) => end(`exited (code ${code}, signal ${signal})`));
  return {
    child,
    lines,
    waitForLine(pattern, timeoutMs) {
      const seen = lines.map((l) => l.match(pattern)).find((m) => m !== null);
      if (seen) return Promise.resolve(seen);
      if (ended !== null) return Promise.reject(new Error(ended));
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no line matching ${pattern} within ${timeoutMs} ms`)), timeoutMs);
        waiters.push({ pattern, resolve: (m) => (clearTimeout(timer), resolve(m)), reject: (e) => (clearTimeout(timer), reject(e)) });
      });
    },
  };
}

async function check(run: () => Promise<Check>): Promise<Check> {
  try {
    return await run();
  } catch (error) {
    return { ok: false, detail: String(error) };
  }
}

async function noNodeIn(browser: Browser): Promise<Check> {
  return check(async () => {
    const pages = browser.contexts().flatMap((c) => c.pages());
    const seen = await Promise.all(
      pages.map(async (page) => ({
        url: page.url(),
        globals: await page.evaluate(() => ({
          require: typeof (globalThis as { require?: unknown }).require,
          process: typeof (globalThis as { process?: unknown }).process,
          module: typeof (globalThis as { module?: unknown }).module,
          Buffer: typeof (globalThis as { Buffer?: unknown }).Buffer,
          talon: Object.keys((window as { talon?: object }).talon ?? {}).sort(),
        })),
      })),
    );
    const ok =
      seen.length > 0 &&
      seen.every(({ globals: g }) => g.require === 'undefined' && g.process === 'undefined' && g.module === 'undefined' && g.Buffer === 'undefined');
    return { ok, detail: seen };
  });
}

async function tokensOverIpc(pages: { kiosk: Page; board: Page }): Promise<Check> {
  return check(async () => {
    const config = async (page: Page) => page.evaluate(() => (window as { talon?: { config(): Promise<unknown> } }).talon?.config() ?? null);
    const [kiosk, board] = await Promise.all([config(pages.kiosk), config(pages.board)]);
    const ok =
      (kiosk as { token?: string } | null)?.token === TOKENS.kiosk &&
      (board as { token?: string } | null)?.token === TOKENS.board &&
      !pages.kiosk.url().includes(TOKENS.kiosk);
    return { ok, detail: { kioskRole: (kiosk as { role?: string } | null)?.role, boardRole: (board as { role?: string } | null)?.role } };
  });
}

async function navigationRefused(page: Page, app: LaunchedApp, hubOrigin: string): Promise<Check> {
  return check(async () => {
    await page.evaluate(() => {
      window.location.href = 'https://example.com/smoke';
    });
    await app.waitForLine(/lockdown: refused to navigate to https:\/\/example\.com\/smoke/, 10_000);
    const url = page.url();
    return { ok: url.startsWith(hubOrigin), detail: { urlAfter: url } };
  });
}

/** The app's main process and every process below it. */
function processTree(root: number): number[] {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // /proc/PID/stat: "pid (comm) state ppid …"; comm may hold spaces and parentheses.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(Number(entry), ppid);
    } catch {
      // The process ended while being listed.
    }
  }
  const tree = [root];
  for (let i = 0; i < tree.length; i += 1) for (const [pid, ppid] of parents) if (ppid === tree[i]) tree.push(pid);
  return tree;
}

function noTokenInProcesses(root: number): Check {
  const tree = processTree(root);
  const leaks: { pid: number; where: string; token: string }[] = [];
  for (const pid of tree) {
    for (const where of ['cmdline', 'environ']) {
      let text = '';
      try {
        text = readFileSync(`/proc/${pid}/${where}`, 'utf8');
      } catch {
        continue;
      }
      for (const token of Object.values(TOKENS)) if (text.includes(token)) leaks.push({ pid, where, token: `${token.slice(0, 6)}…` });
    }
  }
  return { ok: tree.length > 1 && leaks.length === 0, detail: { processes: tree.length, leaks } };
}

async function kioskStuck(page: Page, app: LaunchedApp): Promise<Check> {
  return check(async () => {
    const cdp = await page.context().newCDPSession(page);
    const { windowId } = (await cdp.send('Browser.getWindowForTarget')) as { windowId: number };
    const state = async () => ((await cdp.send('Browser.getWindowBounds', { windowId })) as { bounds: { windowState: string } }).bounds.windowState;
    const before = await state();
    // Keys a citizen might try; the input filter drops them before Chromium sees them.
    for (const key of ['F11', 'Escape', 'Control+W', 'Alt+F4', 'Control+R']) await page.keyboard.press(key);
    const afterKeys = await state();
    // What a window manager does: take the window out of full screen. The shell puts it back.
    await cdp.send('Browser.setWindowBounds', { windowId, bounds: { windowState: 'normal' } });
    await app.waitForLine(/kiosk window: left full screen; back into kiosk mode/, 10_000);
    const after = await waitFor('the kiosk back in full screen', async () => ((await state()) === 'fullscreen' ? 'fullscreen' : undefined), 10_000);
    return { ok: before === 'fullscreen' && afterKeys === 'fullscreen' && after === 'fullscreen', detail: { before, afterKeys, after } };
  });
}

/** The pid holding the hub's listening socket, from /proc/net/tcp and the processes' descriptors. */
function listenerOf(port: number, pids: number[]): number | undefined {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    if (!existsSync(table)) continue;
    for (const line of readFileSync(table, 'utf8').split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      // local_address is HEXIP:HEXPORT; state 0A is LISTEN; column 9 is the inode.
      if (cols[1]?.endsWith(`:${hexPort}`) && cols[3] === '0A' && cols[9]) inodes.add(cols[9]);
    }
  }
  for (const pid of pids) {
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const link = readlinkSync(`/proc/${pid}/fd/${fd}`);
        const inode = /^socket:\[(\d+)\]$/.exec(link)?.[1];
        if (inode && inodes.has(inode)) return pid;
      } catch {
        // Closed while read.
      }
    }
  }
  return undefined;
}

async function hubProcess(root: number, port: number, hubOrigin: string): Promise<Check> {
  return check(async () => {
    const health = (await (await fetch(`${hubOrigin}/health`)).json()) as { ok?: boolean };
    const pid = listenerOf(port, processTree(root));
    const cmdline = pid === undefined ? '' : readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
    const ok = health.ok === true && pid !== undefined && pid !== root && cmdline.includes('--type=utility');
    return { ok, detail: { mainPid: root, hubPid: pid, hubProcessType: /--type=(\S+)/.exec(cmdline)?.[1], utilitySubType: /--utility-sub-type=(\S+)/.exec(cmdline)?.[1] } };
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Polls a condition until it holds or the time is up (a smoke against a real app, not a unit test). */
async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`smoke:electron: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  },
);
