/** The `talon` command as a person runs it: real child processes, real files, real HTTP. */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { io } from 'socket.io-client';
import { describe, expect, it } from 'vitest';
import type { Snapshot } from '../../../sync/protocol/hub.js';
import { ROOT } from '../../helpers/hubProcess.js';
import { useTempDir } from '../../helpers/tmp.js';

const tempDir = useTempDir('talon-cli-');
const TALON = join(ROOT, 'main', 'bin', 'talon.mjs');

function run(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; out: string; err: string }> {
  const child = spawn(process.execPath, [TALON, ...args], { cwd, env: { ...process.env, TALON_CONFIG: '', ...env } });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, out, err })));
}

/** Starts a long-running talon command and resolves once it printed READY, with everything printed by then. */
function runUntilReady(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
  const child = spawn(process.execPath, [TALON, ...args], { cwd, env: { ...process.env, TALON_CONFIG: '', ...env } });
  const lines: string[] = [];
  const ready = new Promise<string>((resolve, reject) => {
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    createInterface({ input: child.stdout }).on('line', (line) => {
      lines.push(line);
      const m = /^READY (\S+)/.exec(line);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`talon exited (${code}): ${err}`)));
  });
  return { child, lines, ready };
}

/** Waits until `check` holds: for output a child prints, never to order events. */
async function until(check: () => boolean, ms = 10_000): Promise<void> {
  for (const end = Date.now() + ms; !check(); ) {
    if (Date.now() > end) throw new Error('the expected output did not come');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('talon command', () => {
  it('with no config starts the demo centre at once, printing its URLs and tokens', async () => {
    const cwd = tempDir();
    const { child, lines, ready } = runUntilReady(['serve', '--port', '0'], cwd);
    try {
      const url = await ready;
      await until(() => lines.some((l) => l.startsWith('Try: curl')));
      const text = lines.join('\n');
      expect(text).toMatch(/demo: \d+ bookings generated for today/);
      expect(text).toContain(`${url}/kiosk`);
      expect(text).toContain('demo-desk-6');
      const health = (await (await fetch(`${url}/health?details`, { headers: { authorization: 'Bearer demo-admin' } })).json()) as { ok: boolean; centre: string };
      expect(health).toMatchObject({ ok: true, centre: '8041' });
      const desk = io(`${url}/desk`, { auth: { token: 'demo-desk-4' }, transports: ['websocket'] });
      const snap = await new Promise<Snapshot>((r) => desk.once('snapshot', r));
      desk.close();
      expect(snap.desks).toHaveLength(6);
      expect(snap.desk?.number).toBe(4);
      expect(snap.services.map((s) => s.code)).toContain('DL_EXCHANGE');
    } finally {
      child.kill('SIGTERM');
    }
  });

  it('prints booking codes of each kind that the kiosk answers as they say', async () => {
    const cwd = tempDir();
    const { child, lines, ready } = runUntilReady(['serve', '--port', '0'], cwd);
    try {
      const url = await ready;
      const codesOf = (label: string) => [...(lines.find((l) => l.trimStart().startsWith(label)) ?? '').matchAll(/\b([A-HJ-NP-Z2-9]{8})\b/g)].map((m) => m[1]!);
      const kinds = { onTime: codesOf('on time'), tooEarly: codesOf('too early'), cancelled: codesOf('cancelled'), tomorrow: codesOf('tomorrow') };
      expect(kinds.cancelled.length).toBeGreaterThan(0);
      expect(kinds.tomorrow.length).toBeGreaterThan(0);
      const admin = io(`${url}/admin`, { auth: { token: 'demo-admin' }, transports: ['websocket'] });
      const kiosk = io(`${url}/kiosk`, { auth: { token: 'demo-kiosk' }, transports: ['websocket'] });
      const call = <T,>(s: typeof kiosk, event: string, payload: object) => new Promise<T>((r) => s.emit(event, payload, r));
      // The hub pulls the day from the demo's central after it starts: wait until the codes are in.
      const known = [...kinds.onTime, ...kinds.tooEarly, ...kinds.cancelled];
      for (const end = Date.now() + 15_000; ; ) {
        const { bookings } = await call<{ bookings: { code: string }[] }>(admin, 'bookings', {});
        if (known.every((c) => bookings.some((b) => b.code === c))) break;
        if (Date.now() > end) throw new Error('the printed codes never reached the hub');
        await new Promise((r) => setTimeout(r, 100));
      }
      const codeOf = async (code: string) => {
        const ack = await call<{ ok: boolean; error?: { code: string } }>(kiosk, 'checkIn', { commandId: `cli-${code}-${Date.now()}`, code });
        return ack.ok ? 'OK' : ack.error!.code;
      };
      for (const c of kinds.onTime) expect(await codeOf(c)).toBe('OK');
      for (const c of kinds.tooEarly) expect(await codeOf(c)).toBe('TOO_EARLY');
      for (const c of kinds.cancelled) expect(await codeOf(c)).toBe('CANCELLED');
      for (const c of kinds.tomorrow) expect(await codeOf(c)).toBe('OTHER_DAY');
      admin.close();
      kiosk.close();
    } finally {
      child.kill('SIGTERM');
    }
  });

  it('answers --help on every subcommand with its usage and exit code 0', async () => {
    const cwd = tempDir();
    for (const command of ['start', 'serve', 'import-bookings', 'print-test', 'bus-sim', 'central']) {
      const r = await run([command, '--help'], cwd);
      expect(r.code, command).toBe(0);
      expect(r.out, command).toContain(`talon ${command}`);
    }
  });

  it('npm start says in one line that Electron cannot start here and runs the hub headless', async () => {
    const cwd = tempDir();
    const { child, lines, ready } = runUntilReady(['start', '--port', '0'], cwd, { DISPLAY: '', WAYLAND_DISPLAY: '' });
    try {
      const url = await ready;
      await until(() => lines.some((l) => l.startsWith('Electron cannot start here')));
      const notes = lines.filter((l) => l.startsWith('Electron cannot start here'));
      expect(notes).toHaveLength(1);
      expect(notes[0]).toMatch(new RegExp(`^Electron cannot start here \\(.+\\); the hub runs headless at ${url}\\.$`));
      expect((await fetch(`${url}/health`)).status).toBe(200);
    } finally {
      child.kill('SIGTERM');
    }
  });

  it('keeps the demo day’s bookings across a restart', async () => {
    const cwd = tempDir();
    for (const expected of [/generated for today/, /kept from an earlier start/]) {
      const { child, lines, ready } = runUntilReady(['serve', '--port', '0'], cwd);
      await ready;
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      expect(lines.join('\n')).toMatch(expected);
    }
  });

  it('reports a bad config file with its lines and exits 2', async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'talon.yaml'), 'centre: { id: "8041", name: "x" }\nservices: []\ndesks:\n  - { number: 1, services: [NOPE], token: "abcdefgh1" }\n');
    const r = await run(['serve'], cwd);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/talon\.yaml:2:\d+ services: at least one service/);
  });

  it('imports bookings from a file and refuses a bad one whole, naming the booking and field', async () => {
    const cwd = tempDir();
    const good = [{ id: 'B-1', code: 'ABCD2345', centre: '8041', service: 'DL_EXCHANGE', date: '2026-03-10', time: '10:00', number: 1000, priority: null, channel: 'online', status: 'active', version: 1 }];
    writeFileSync(join(cwd, 'good.json'), JSON.stringify({ bookings: good }));
    writeFileSync(join(cwd, 'bad.json'), JSON.stringify([...good, { ...good[0], id: 'B-2', code: 'EFGH2345', time: '25:00' }]));
    const bad = await run(['import-bookings', 'bad.json'], cwd);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/bookings?\[1\] \(id B-2\): time/);
    const ok = await run(['import-bookings', 'good.json'], cwd);
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/imported 1 bookings .*: 1 new, 0 updated, 0 unchanged/);
    const again = await run(['import-bookings', 'good.json'], cwd);
    expect(again.out).toMatch(/0 new, 0 updated, 1 unchanged/);
  });

  it('answers an unknown command with the usage and exit 64', async () => {
    const r = await run(['frobnicate'], tempDir());
    expect(r.code).toBe(64);
    expect(r.err).toMatch(/unknown command "frobnicate"[\s\S]*Usage:/);
  });
});
