/**
 * Call-next → board latency: a real hub process with 60 desks, 10 boards and a kiosk on loopback.
 * Each sample is the time from a desk emitting callNext to one board receiving `called`.
 * Prints JSON. Goal: p99 ≤ 5 ms.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import {
  bookingsNow, deskToken, importBookings, KIOSK_TOKEN, noonZone, startHubProcess, writeConfig,
} from '../tests/helpers/hubProcess.js';
import { summarize } from './stats.js';

const DESKS = 60;
const BOARDS = 10;
const CALLS = Number(process.env.BENCH_CALLS ?? 1500);
const WARMUP = 100;
const SERVICES = ['DL_EXCHANGE', 'THEORY_EXAM', 'VEHICLE_REG'];

function connect(url: string, ns: string, token?: string): Promise<Socket> {
  const socket = io(`${url}/${ns}`, { auth: token ? { token } : {}, transports: ['websocket'] });
  return new Promise((resolve) => socket.once('snapshot', () => resolve(socket)));
}

export async function run(): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'talon-bench-'));
  const timezone = noonZone(Date.now());
  const configPath = writeConfig({ dir, desks: DESKS, services: SERVICES, timezone });
  const total = CALLS + WARMUP;
  await importBookings(configPath, bookingsNow(timezone, total, SERVICES), dir);
  const { child, url } = await startHubProcess(configPath);
  try {
    const kiosk = await connect(url, 'kiosk', KIOSK_TOKEN);
    const desks = await Promise.all(Array.from({ length: DESKS }, (_, i) => connect(url, 'desk', deskToken(i + 1))));
    const boards = await Promise.all(Array.from({ length: BOARDS }, () => connect(url, 'board')));
    for (let i = 0; i < total; i++) {
      const ack = await kiosk.emitWithAck('checkIn', { commandId: `bench-ci-${i}`, code: `CODE${String(i).padStart(6, '0')}` });
      if (!ack.ok) throw new Error(`check-in ${i}: ${JSON.stringify(ack)}`);
    }
    const samples: number[] = [];
    const acks: number[] = [];
    for (let i = 0; i < total; i++) {
      const desk = desks[i % DESKS]!;
      let started = 0;
      const arrivals = boards.map(
        (b) => new Promise<number>((resolve) => b.once('called', () => resolve(performance.now() - started))),
      );
      started = performance.now();
      const ack = desk.emitWithAck('callNext', { commandId: `bench-call-${i}` }).then((a: { ok: boolean }) => {
        if (!a.ok) throw new Error(`call ${i}: ${JSON.stringify(a)}`);
        return performance.now() - started;
      });
      const [ackMs, ...boardMs] = await Promise.all([ack, ...arrivals]);
      if (i >= WARMUP) {
        samples.push(...boardMs);
        acks.push(ackMs);
      }
      await desk.emitWithAck('finish', { commandId: `bench-fin-${i}` });
    }
    for (const s of [kiosk, ...desks, ...boards]) s.close();
    return {
      bench: 'call-next → board',
      desks: DESKS,
      boards: BOARDS,
      calls: CALLS,
      boardReceiptMs: summarize(samples),
      deskAckMs: summarize(acks),
      goal: { p99Ms: 5 },
      met: summarize(samples).p99 <= 5,
    };
  } finally {
    child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(await run(), null, 2));
