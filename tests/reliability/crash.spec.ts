/**
 * Kills a real hub process with SIGKILL at random moments while kiosks check in and desks call,
 * then checks the database: intact, every acknowledged change present, no number called twice.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { io as connect, type Socket } from 'socket.io-client';
import { describe, expect, it } from 'vitest';
import { localParts } from '../../main/core/clock.js';
import type { Booking } from '../../main/core/types.js';
import { useTempDir } from '../helpers/tmp.js';

const tempDir = useTempDir('talon-crash-');
const ROUNDS = Number(process.env.TALON_CRASH_ROUNDS ?? 50);
const ROOT = join(import.meta.dirname, '..', '..');

/** A fixed-offset zone where it is about noon now, so the test never straddles the centre's midnight. */
function noonZone(now: number): string {
  const utcHour = new Date(now).getUTCHours();
  const offset = Math.max(-12, Math.min(12, 12 - utcHour));
  // Etc/GMT signs are inverted: Etc/GMT-3 is UTC+3.
  return offset === 0 ? 'Etc/GMT' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
}

function configYaml(dir: string, timezone: string): string {
  return `centre: { id: "8041", name: "Crash centre", timezone: ${timezone} }
services:
  - { code: DL_EXCHANGE, uk: "Обмін посвідчення водія", en: "Licence exchange" }
  - { code: THEORY_EXAM, uk: "Теоретичний іспит", en: "Theory exam" }
desks:
  - { number: 1, services: [DL_EXCHANGE], token: "crash-desk-1" }
  - { number: 2, services: [DL_EXCHANGE, THEORY_EXAM], token: "crash-desk-2" }
  - { number: 3, services: [THEORY_EXAM], token: "crash-desk-3" }
checkIn: { earliestMinutes: 600, latestMinutes: 600, reprints: 1 }
hub: { host: 127.0.0.1, port: 0, kioskTokens: ["crash-kiosk-1"], adminTokens: ["crash-admin-1"] }
data: { dir: ${JSON.stringify(dir)} }
`;
}

function bookingsFor(now: number, timezone: string, count: number): Booking[] {
  const { date, time } = localParts(now, timezone);
  return Array.from({ length: count }, (_, i) => ({
    id: `CR-${i}`,
    code: `CRASH${String(i).padStart(5, '0')}`,
    centre: '8041',
    service: i % 3 === 0 ? 'THEORY_EXAM' : 'DL_EXCHANGE',
    date,
    time,
    number: i % 40 === 7 ? 1 + Math.floor(i / 40) : 1000 + i,
    priority: i % 40 === 7 ? 'military' : null,
    channel: 'online',
    status: 'active',
    version: 1,
  }));
}

function startHubProcess(configPath: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'main', 'cli.ts'), 'serve', '--config', configPath], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      const m = /^READY (\S+)/.exec(line);
      if (m) resolve({ child, url: m[1]! });
    });
    child.once('exit', (code) => reject(new Error(`hub exited (${code}) before it was ready: ${stderr}`)));
  });
}

function client(url: string, ns: string, token: string): Socket {
  return connect(`${url}/${ns}`, { auth: { token }, transports: ['websocket'], reconnection: false });
}

type AckT = { ok: boolean; call?: { number: number }; ticket?: { bookingId: string }; error?: { code: string } };

/** The ack, or null when the hub died before answering: then nothing was acknowledged. */
async function ask(socket: Socket, event: string, payload: object, dead: Promise<unknown>): Promise<AckT | null> {
  const answer = socket.timeout(5000).emitWithAck(event, payload).then(
    (a) => a as AckT,
    () => null,
  );
  return Promise.race([answer, dead.then(() => null)]);
}

let commandSeq = 0;
const id = () => `crash-${process.pid}-${++commandSeq}`;

describe('crash safety', () => {
  it(`keeps every acknowledged change and calls no number twice across ${ROUNDS} SIGKILLs`, async () => {
    const dir = tempDir();
    const timezone = noonZone(Date.now());
    const configPath = join(dir, 'talon.yaml');
    writeFileSync(configPath, configYaml(dir, timezone));
    const bookings = bookingsFor(Date.now(), timezone, 4000);
    const bookingFile = join(dir, 'bookings.json');
    writeFileSync(bookingFile, JSON.stringify(bookings));
    const importer = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'main', 'cli.ts'), 'import-bookings', bookingFile, '--config', configPath], { cwd: ROOT });
    expect(await new Promise((r) => importer.once('exit', r))).toBe(0);

    const ackedCheckIns = new Set<string>();
    const ackedCalls: number[] = [];
    let next = 0;

    for (let round = 0; round < ROUNDS; round++) {
      const { child, url } = await startHubProcess(configPath);
      const exited = new Promise((r) => child.once('exit', r));
      const kiosk = client(url, 'kiosk', 'crash-kiosk-1');
      const desks = [1, 2, 3].map((n) => client(url, 'desk', `crash-desk-${n}`));
      await Promise.all([kiosk, ...desks].map((s) => new Promise((r) => s.once('snapshot', r))));

      let alive = true;
      const checkIns = (async () => {
        while (alive && next < bookings.length) {
          const b = bookings[next++]!;
          const ack = await ask(kiosk, 'checkIn', { commandId: id(), code: b.code }, exited);
          if (ack?.ok) ackedCheckIns.add(b.id);
        }
      })();
      const calls = desks.map(async (desk) => {
        while (alive) {
          const ack = await ask(desk, 'callNext', { commandId: id() }, exited);
          if (ack?.ok) ackedCalls.push(ack.call!.number);
          else if (ack?.error?.code === 'QUEUE_EMPTY') await new Promise((r) => setImmediate(r));
          if (!alive) break;
          await ask(desk, 'finish', { commandId: id() }, exited);
        }
      });
      await new Promise((r) => setTimeout(r, 20 + Math.random() * 250));
      child.kill('SIGKILL');
      await exited;
      alive = false;
      for (const s of [kiosk, ...desks]) s.close();
      await Promise.all([checkIns, ...calls]);

      const db = new Database(join(dir, 'talon.db'), { readonly: true });
      try {
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        const checkedIn = new Set((db.prepare('SELECT booking_id FROM visits WHERE checked_in_at IS NOT NULL').pluck().all() as string[]));
        for (const b of ackedCheckIns) expect(checkedIn.has(b), `acknowledged check-in ${b} is in the database`).toBe(true);
        const called = db.prepare('SELECT number FROM calls WHERE recall = 0').pluck().all() as number[];
        expect(new Set(called).size, 'no number called twice').toBe(called.length);
        const calledSet = new Set(called);
        for (const n of ackedCalls) expect(calledSet.has(n), `acknowledged call ${n} is in the database`).toBe(true);
        const events = db.prepare("SELECT count(*) FROM outbox WHERE type = 'visit.called'").pluck().get() as number;
        expect(events, 'one outbox event per call').toBe(called.length);
      } finally {
        db.close();
      }
    }
    expect(new Set(ackedCalls).size).toBe(ackedCalls.length);
    expect(ackedCheckIns.size).toBeGreaterThan(ROUNDS);
    expect(ackedCalls.length).toBeGreaterThan(ROUNDS);
  }, 600_000);
});
