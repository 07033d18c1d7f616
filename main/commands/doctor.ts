/**
 * `talon doctor [--config FILE]`: checks a centre's set-up without using it, one line per check,
 * and exits non-zero when any fails (docs/operations.md, doctor). It reads the config, the data dir,
 * the database, asks the printer and each desk device, calls central, and looks at the machine.
 */
import { execFile } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync, rmSync, statfsSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { TalonConfig } from '../config/schema.js';
import { DEMO_TOKENS } from '../config/demo.js';
import { ConfigError } from '../config/load.js';
import { tokenStrengthProblem } from '../config/tokens.js';
import { espeakAvailable } from '../../hardware/audio/espeak.js';
import { problemOf, readStatus, STATUS_REQUESTS, statusRequest } from '../../hardware/printer/status.js';
import { DeskBus } from '../../hardware/serial/deskBus.js';
import { qsystemDriver } from '../../hardware/serial/qsystemFrames.js';
import { talonDriver } from '../../hardware/serial/talonFrames.js';
import { CentralApi, CentralError } from '../../sync/client/centralApi.js';
import { STORE_FILE } from '../hub/centre.js';
import { PAGE_ROLES, RENDERER_DIST } from '../hub/pages.js';
import { linkFor } from '../hub/printing.js';
import { rendererStale } from '../hub/rendererBuild.js';
import { hubRunningOn } from '../ops/hubLock.js';
import { checkDatabase, walBytes } from '../store/backup.js';
import { MIGRATIONS } from '../store/index.js';

export type CheckStatus = 'ok' | 'warn' | 'fail' | 'skip';

export interface CheckResult {
  check: string;
  status: CheckStatus;
  detail: string;
}

export interface DoctorOptions {
  config: TalonConfig;
  configPath: string | null;
  /** How long a device, the printer or central may take to answer. */
  timeoutMs?: number;
  /** Runs a command and resolves with its stdout (the machine's clock tools); rejects when it fails. */
  run?: (command: string, args: string[]) => Promise<string>;
}

export const DOCTOR_USAGE = '  talon doctor [--config FILE]                          check the set-up: one line per check, exit 1 when any fails';

const MIN_FREE_BYTES = 500 * 1024 * 1024;
const WARN_FREE_BYTES = 2 * 1024 * 1024 * 1024;
const WARN_WAL_BYTES = 64 * 1024 * 1024;
const MIN_TOKEN_LENGTH = 16;
const KNOWN_WEAK = /^(password|secret|token|admin|changeme|talon|kiosk|desk|board|qwerty|letmein|[0-9]+)$/i;

function runCommand(command: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { timeout: 5000, encoding: 'utf8' }, (err, stdout) => (err ? reject(err) : resolve(stdout)));
  });
}

/** Why a token is weak, or null: short, a public demo token, too few distinct characters, a word. */
export function tokenWeakness(token: string): string | null {
  const demo = [DEMO_TOKENS.kiosk, DEMO_TOKENS.admin, ...DEMO_TOKENS.desks.map((d) => d.token)];
  if (demo.includes(token)) return 'is a public demo token';
  if (token.length < MIN_TOKEN_LENGTH) return `has ${token.length} characters (use ${MIN_TOKEN_LENGTH} or more, random)`;
  if (new Set(token).size < 8) return 'repeats too few characters';
  if (KNOWN_WEAK.test(token.replace(/[-_.\d]+$/, ''))) return 'is a word with a number';
  return null;
}

function tokensOf(config: TalonConfig): { owner: string; token: string }[] {
  return [
    ...config.desks.map((d) => ({ owner: `desk ${d.number}`, token: d.token })),
    ...config.hub.kioskTokens.map((t, i) => ({ owner: `kiosk ${i + 1}`, token: t })),
    ...config.hub.adminTokens.map((t, i) => ({ owner: `admin ${i + 1}`, token: t })),
    ...config.hub.boardTokens.map((t, i) => ({ owner: `board ${i + 1}`, token: t })),
    ...config.hub.metricsTokens.map((t, i) => ({ owner: `metrics ${i + 1}`, token: t })),
    ...app(config).map((w, i) => ({ owner: `window ${i + 1} (${w.role})`, token: w.token! })),
  ];
}

function app(config: TalonConfig) {
  return config.app.windows.filter((w) => w.token !== undefined);
}

function readToken(file: string): string | null {
  try {
    return readFileSync(file, 'utf8').trim() || null;
  } catch {
    return null;
  }
}

function checkTokens(config: TalonConfig): CheckResult {
  // Grouped by why, so twelve demo tokens make one short line.
  const byWhy = new Map<string, string[]>();
  const note = (owner: string, why: string | null) => why && byWhy.set(why, [...(byWhy.get(why) ?? []), owner]);
  // The config's own tokens also by the rule the hub warns by at start-up (main/config/tokens.ts): 128 bits.
  for (const { owner, token } of tokensOf(config)) note(owner, tokenWeakness(token) ?? tokenStrengthProblem(token));
  if (config.central) {
    const t = readToken(config.central.tokenFile);
    note('central', t === null ? null : tokenWeakness(t));
  }
  const weak = [...byWhy].map(([why, owners]) => `${owners.join(', ')}: ${owners.length === 1 ? 'the token' : 'each token'} ${why}`);
  if (config.hub.adminTokens.length === 0) weak.push('there is no admin token (nobody can switch an alert or read /metrics)');
  return weak.length ? { check: 'tokens', status: 'fail', detail: weak.join('; ') } : { check: 'tokens', status: 'ok', detail: `${tokensOf(config).length} tokens, all strong` };
}

function checkDataDir(config: TalonConfig): CheckResult[] {
  const dir = config.data.dir;
  try {
    mkdirSync(dir, { recursive: true });
    const probe = join(dir, `.doctor-${process.pid}`);
    writeFileSync(probe, 'x');
    rmSync(probe);
  } catch (err) {
    return [{ check: 'data dir', status: 'fail', detail: `${dir} is not writable: ${(err as Error).message}` }];
  }
  const out: CheckResult[] = [{ check: 'data dir', status: 'ok', detail: `${dir} is writable` }];
  try {
    const fs = statfsSync(dir);
    const free = fs.bavail * fs.bsize;
    const text = `${(free / 1024 ** 3).toFixed(1)} GB free`;
    out.push({ check: 'disk', status: free < MIN_FREE_BYTES ? 'fail' : free < WARN_FREE_BYTES ? 'warn' : 'ok', detail: text });
  } catch (err) {
    out.push({ check: 'disk', status: 'warn', detail: `cannot tell the free space: ${(err as Error).message}` });
  }
  return out;
}

function checkStore(config: TalonConfig): CheckResult[] {
  const file = join(config.data.dir, STORE_FILE);
  if (!existsSync(file)) return [{ check: 'database', status: 'warn', detail: `${file} does not exist yet; the hub creates it at its first start` }];
  const c = checkDatabase(file);
  const integrity = c.integrity === 'ok' ? 'ok' : c.problems.find((p) => p.startsWith('integrity') || p.startsWith('cannot open')) ?? c.integrity;
  const out: CheckResult[] = [{ check: 'database', status: c.integrity === 'ok' ? 'ok' : 'fail', detail: `integrity_check: ${integrity}` }];
  const wal = walBytes(file);
  out.push({ check: 'wal', status: wal > WARN_WAL_BYTES ? 'warn' : 'ok', detail: `${(wal / 1024 ** 2).toFixed(1)} MB write-ahead log${wal > WARN_WAL_BYTES ? ' (large: is a reader holding it open?)' : ''}` });
  const schema = c.problems.filter((p) => p.startsWith('migration') || p.startsWith('no schema') || p.startsWith('cannot read'));
  if (c.integrity !== 'ok') out.push({ check: 'migrations', status: 'skip', detail: 'not read: the database fails its integrity check' });
  else if (schema.length) out.push({ check: 'migrations', status: 'fail', detail: schema.join('; ') });
  else if (c.schemaVersion < MIGRATIONS.length) out.push({ check: 'migrations', status: 'warn', detail: `at ${c.schemaVersion} of ${MIGRATIONS.length}; the hub migrates at its next start, after a backup` });
  else out.push({ check: 'migrations', status: 'ok', detail: `current (${c.schemaVersion})` });
  return out;
}

async function checkPrinter(config: TalonConfig, timeoutMs: number): Promise<CheckResult> {
  const p = config.printer;
  if (!p) return { check: 'printer', status: 'skip', detail: 'no printer configured' };
  if (p.transport === 'virtual') return { check: 'printer', status: 'ok', detail: 'virtual printer (tickets as PNG)' };
  const running = hubRunningOn(config.data.dir);
  if (p.transport === 'serial' && running !== null) {
    const present = existsSync(p.address ?? '');
    return { check: 'printer', status: present ? 'ok' : 'fail', detail: present ? `${p.address} present; in use by the running hub (pid ${running}): its admin page shows the printer's state` : `${p.address} does not exist` };
  }
  let link;
  try {
    link = linkFor(p);
  } catch (err) {
    return { check: 'printer', status: 'fail', detail: (err as Error).message };
  }
  try {
    if (!link.twoWay) {
      if (p.transport === 'usb') accessSync(p.address!, constants.W_OK);
      return { check: 'printer', status: 'ok', detail: `${link.name}: one-way, no status to read` };
    }
    const answers: number[] = [];
    for (const n of STATUS_REQUESTS) answers.push(await link.ask(statusRequest(n), timeoutMs));
    const read = readStatus(answers as [number, number, number, number]);
    if (!read.ok) return { check: 'printer', status: 'fail', detail: `${link.name}: answers that are not status bytes (0x${read.byte.toString(16)}): is it an ESC/POS printer?` };
    const problem = problemOf(read.status);
    if (problem === null) return { check: 'printer', status: 'ok', detail: `${link.name}: ready` };
    return { check: 'printer', status: problem === 'paper_near_end' ? 'warn' : 'fail', detail: `${link.name}: ${problem.replace(/_/g, ' ')}` };
  } catch (err) {
    return { check: 'printer', status: 'fail', detail: `${link.name}: ${(err as Error).message}` };
  } finally {
    await link.close().catch(() => undefined);
  }
}

function buses(config: TalonConfig) {
  return config.deskBus === undefined ? [] : Array.isArray(config.deskBus) ? config.deskBus : [config.deskBus];
}

async function checkSerial(config: TalonConfig, timeoutMs: number): Promise<CheckResult[]> {
  const out: CheckResult[] = [];
  const running = hubRunningOn(config.data.dir);
  for (const [line, bus] of buses(config).entries()) {
    const check = `serial ${line}`;
    if (!existsSync(bus.path)) {
      out.push({ check, status: 'fail', detail: `${bus.path} does not exist: is the USB adapter plugged in (ls -l /dev/serial/by-id)?` });
      continue;
    }
    if (running !== null) {
      out.push({ check, status: 'ok', detail: `${bus.path} present; in use by the running hub (pid ${running}): its admin page shows each device` });
      continue;
    }
    const addresses = config.desks.filter((d) => d.bus && (d.bus.line ?? 0) === line).map((d) => d.bus!.address);
    const contact = config.alerts.busContact && config.alerts.busContact.line === line ? config.alerts.busContact.address : null;
    const deskBus = new DeskBus({ path: bus.path, baudRate: bus.baudRate, driver: bus.driver === 'talon' ? talonDriver : qsystemDriver, ackTimeoutMs: Math.min(timeoutMs, 300), attempts: 2, reopenEveryMs: 60_000 });
    try {
      if (!(await deskBus.start())) {
        out.push({ check, status: 'fail', detail: `${bus.path} cannot be opened (is the user in the dialout group?)` });
        continue;
      }
      const silent: number[] = [];
      for (const a of addresses) if (!(await deskBus.send(a, { kind: 'ping' })).ok) silent.push(a);
      if (contact !== null && !(await deskBus.send(contact, { kind: 'query' })).ok) silent.push(contact);
      const all = [...addresses, ...(contact === null ? [] : [contact])];
      if (all.length === 0) out.push({ check, status: 'warn', detail: `${bus.path} opens; no desk is on this bus` });
      else if (silent.length) out.push({ check, status: 'fail', detail: `${bus.path} (${bus.driver}): address ${silent.join(', ')} of ${all.join(', ')} do not answer` });
      else out.push({ check, status: 'ok', detail: `${bus.path} (${bus.driver}): address ${all.join(', ')} answer` });
    } finally {
      await deskBus.close();
    }
  }
  if (config.scanner) {
    const present = existsSync(config.scanner.path);
    out.push({ check: 'scanner', status: present ? 'ok' : 'fail', detail: present ? `${config.scanner.path} present` : `${config.scanner.path} does not exist` });
  }
  return out;
}

async function checkCentral(config: TalonConfig, timeoutMs: number): Promise<CheckResult[]> {
  const c = config.central;
  if (!c) return [{ check: 'central', status: 'skip', detail: 'no central section: this hub runs on its own' }];
  const token = readToken(c.tokenFile);
  if (token === null) return [{ check: 'central', status: 'fail', detail: `the token file ${c.tokenFile} is missing or empty` }];
  const api = new CentralApi({ url: c.url, centre: config.centre.id, token, clock: Date.now, timeoutMs });
  try {
    const answer = await api.alert();
    const skew = Math.round(answer.data.serverTime - (answer.sentAt + answer.receivedAt) / 2);
    const off = Math.abs(skew) > c.clockSkewBoundMs;
    return [
      { check: 'central', status: 'ok', detail: `${c.url} answers` },
      { check: 'central token', status: 'ok', detail: `accepted for centre ${config.centre.id}` },
      { check: 'clock skew', status: off ? 'fail' : 'ok', detail: `central minus this machine: ${(skew / 1000).toFixed(1)} s${off ? ` (past the bound of ${c.clockSkewBoundMs / 1000} s)` : ''}` },
    ];
  } catch (err) {
    const e = err instanceof CentralError ? err : new CentralError('CENTRAL_UNREACHABLE', String(err), true);
    if (e.code === 'CENTRAL_REFUSED' && (e.status === 401 || e.status === 403)) {
      return [
        { check: 'central', status: 'ok', detail: `${c.url} answers` },
        { check: 'central token', status: 'fail', detail: `refused (HTTP ${e.status}): the token in ${c.tokenFile} is not this terminal's for centre ${config.centre.id}` },
        { check: 'clock skew', status: 'skip', detail: 'not measured' },
      ];
    }
    return [
      { check: 'central', status: 'fail', detail: `${e.code}: ${e.message}` },
      { check: 'central token', status: 'skip', detail: 'not tried' },
      { check: 'clock skew', status: 'skip', detail: 'not measured' },
    ];
  }
}

async function checkMachineClock(run: (c: string, a: string[]) => Promise<string>): Promise<CheckResult> {
  try {
    const synced = (await run('timedatectl', ['show', '-p', 'NTPSynchronized', '--value'])).trim();
    if (synced === 'yes') return { check: 'machine clock', status: 'ok', detail: 'synchronised (timedatectl)' };
    if (synced === 'no') return { check: 'machine clock', status: 'fail', detail: 'not synchronised (timedatectl): enable NTP with timedatectl set-ntp true' };
  } catch {
    // no systemd here; try chrony
  }
  try {
    const tracking = await run('chronyc', ['-n', 'tracking']);
    const leap = /Leap status\s*:\s*(.+)/.exec(tracking)?.[1]?.trim();
    if (leap === 'Normal') return { check: 'machine clock', status: 'ok', detail: 'synchronised (chrony)' };
    if (leap) return { check: 'machine clock', status: 'fail', detail: `chrony says: ${leap}` };
  } catch {
    // no chrony either
  }
  return { check: 'machine clock', status: 'warn', detail: 'unknown (neither timedatectl nor chrony answers)' };
}

async function checkSpeech(config: TalonConfig): Promise<CheckResult> {
  const speech = config.speech;
  if (speech && !speech.enabled) return { check: 'voice', status: 'skip', detail: 'speech is off' };
  if (await espeakAvailable({ voice: 'uk' })) return { check: 'voice', status: 'ok', detail: 'espeak-ng has the Ukrainian voice' };
  if (speech?.clipsDir && existsSync(speech.clipsDir)) return { check: 'voice', status: 'warn', detail: `no espeak-ng Ukrainian voice; the recorded clips in ${speech.clipsDir} speak` };
  return { check: 'voice', status: 'fail', detail: 'no espeak-ng Ukrainian voice (apt-get install espeak-ng) and no recorded clips: the board plays the chime only' };
}

function checkPages(): CheckResult {
  const missing = PAGE_ROLES.filter((r) => !existsSync(join(RENDERER_DIST, r, 'index.html')));
  if (missing.length) return { check: 'pages', status: 'fail', detail: `not built (${missing.join(', ')} missing in ${RENDERER_DIST}): npm run build:renderer` };
  if (rendererStale()) return { check: 'pages', status: 'warn', detail: 'older than their sources: rebuilt at the next start (or npm run build:renderer)' };
  return { check: 'pages', status: 'ok', detail: 'built' };
}

/** Every check, in the order a technician reads them. */
export async function runDoctor(o: DoctorOptions): Promise<CheckResult[]> {
  const { config } = o;
  const timeoutMs = o.timeoutMs ?? 2000;
  const results: CheckResult[] = [
    { check: 'config', status: 'ok', detail: `${o.configPath ?? 'the built-in demo centre'}: centre ${config.centre.id}, ${config.desks.length} desks` },
    checkTokens(config),
    ...checkDataDir(config),
    ...checkStore(config),
    await checkPrinter(config, timeoutMs),
    ...(await checkSerial(config, timeoutMs)),
    ...(await checkCentral(config, timeoutMs)),
    await checkMachineClock(o.run ?? runCommand),
    await checkSpeech(config),
    checkPages(),
  ];
  return results;
}

const MARK: Record<CheckStatus, string> = { ok: 'ok  ', warn: 'warn', fail: 'FAIL', skip: '--  ' };

export function formatCheck(r: CheckResult): string {
  return `${MARK[r.status]}  ${r.check.padEnd(14)} ${r.detail}`;
}

export async function doctorCommand(
  args: string[],
  resolveConfig: (explicit: string | undefined) => { config: TalonConfig; configPath: string | null },
  out: (line: string) => void = console.log,
): Promise<number> {
  const { values } = parseArgs({ args, options: { config: { type: 'string' } } });
  let loaded;
  try {
    loaded = resolveConfig(values.config);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    out(formatCheck({ check: 'config', status: 'fail', detail: err.message }));
    return 1;
  }
  const results = await runDoctor({ config: loaded.config, configPath: loaded.configPath });
  for (const r of results) out(formatCheck(r));
  const failed = results.filter((r) => r.status === 'fail').length;
  out(failed ? `doctor: ${failed} check${failed === 1 ? '' : 's'} failed` : 'doctor: all checks passed');
  return failed ? 1 : 0;
}
