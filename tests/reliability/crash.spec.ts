/**
 * Kills a real hub process with SIGKILL at random moments while kiosks check in and desks call,
 * then checks the database: intact, every acknowledged change present, no number called twice.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { io as connect, type Socket } from 'socket.io-client';
import { describe, expect, it } from 'vitest';
import { bookingsNow, deskToken, importBookings, KIOSK_TOKEN, noonZone, startHubProcess, writeConfig } from '../helpers/hubProcess.js';
import { useTempDir } from '../helpers/tmp.js';

const tempDir = useTempDir('talon-crash-');
const ROUNDS = Number(process.env.TALON_CRASH_ROUNDS ?? 50);
const SERVICES = ['DL_EXCHANGE', 'THEORY_EXAM'];

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
    const configPath = writeConfig({ dir, desks: 3, services: SERVICES, timezone });
    const bookings = bookingsNow(timezone, 4000, SERVICES, 40);
    await importBookings(configPath, bookings, dir);

    const ackedCheckIns = new Set<string>();
    const ackedCalls: number[] = [];
    let next = 0;

    for (let round = 0; round < ROUNDS; round++) {
      const { child, url } = await startHubProcess(configPath);
      const exited = new Promise((r) => child.once('exit', r));
      const kiosk = client(url, 'kiosk', KIOSK_TOKEN);
      const desks = [1, 2, 3].map((n) => client(url, 'desk', deskToken(n)));
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
