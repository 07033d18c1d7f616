/**
 * A desk's `callNext` under a flood: a real hub process with the config's default limits; desks on
 * 127.0.0.2–11, one kiosk on 127.0.0.3x sending 3,000 events a second, and 200 anonymous boards on
 * 127.0.1.0–199 (one address each, as on a LAN) connecting and disconnecting in a loop; a refused
 * board waits 0.5–1.5 s before it tries again, as socket.io-client's reconnection does by default. Each client is bound to its own loopback
 * address, so the per-address limits see what they would on a LAN. The p99 of the desks' callNext
 * acks during the flood is reported as a ratio to the idle p99 of the same run. Goal: ≤ 2×.
 *
 * The load runs in a process of its own (bench/floodLoad.ts), so what is measured is the hub, not
 * this process's event loop. Bounded: FLOOD_CALLS samples per phase, at most FLOOD_SECONDS of
 * flood, loopback only.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { bookingsNow, deskToken, importBookings, KIOSK_TOKEN, noonZone, startHubProcess, writeConfig } from '../tests/helpers/hubProcess.js';
import { summarize } from './stats.js';

const DESKS = 10;
const CALLS = Number(process.env.FLOOD_CALLS ?? 300);
const RATE = Number(process.env.FLOOD_RATE ?? 3000);
const BOARDS = Number(process.env.FLOOD_BOARDS ?? 200);
const MAX_SECONDS = Number(process.env.FLOOD_SECONDS ?? 60);
/** Between two calls of the desks together: each desk stays well inside its own bucket. */
const PACE_MS = 20;
const PREFILL_KIOSKS = 20;
const SERVICES = ['DL_EXCHANGE'];

type AckT = { ok: boolean; error?: { code: string } };

function open(url: string, ns: string, address: string, token?: string): Socket {
  return io(`${url}/${ns}`, { auth: token ? { token } : {}, transports: ['websocket'], reconnection: false, forceNew: true, localAddress: address } as never);
}

function ready(s: Socket): Promise<Socket> {
  return new Promise((resolve, reject) => {
    s.once('snapshot', () => resolve(s));
    s.once('connect_error', (e: Error & { data?: unknown }) => reject(new Error(`${e.message} ${JSON.stringify(e.data)}`)));
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function run(): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'talon-flood-'));
  const timezone = noonZone(Date.now());
  const configPath = writeConfig({ dir, desks: DESKS, services: SERVICES, timezone, limits: 'defaults' });
  const visitors = CALLS * 2 + 50;
  await importBookings(configPath, bookingsNow(timezone, visitors, SERVICES), dir);
  const { child, url } = await startHubProcess(configPath);
  const sockets: Socket[] = [];
  try {
    // Check everyone in from many kiosk sockets and addresses, each inside its burst.
    const kiosks = await Promise.all(Array.from({ length: PREFILL_KIOSKS }, (_, i) => ready(open(url, 'kiosk', `127.0.0.${20 + i}`, KIOSK_TOKEN))));
    sockets.push(...kiosks);
    for (let i = 0; i < visitors; ) {
      const round = await Promise.all(
        kiosks.map((k, j) => {
          const n = i + j;
          if (n >= visitors) return Promise.resolve({ ok: true } as AckT);
          return k.emitWithAck('checkIn', { commandId: `flood-ci-${n}`, code: `CODE${String(n).padStart(6, '0')}` }) as Promise<AckT>;
        }),
      );
      if (round.some((a) => !a.ok && a.error?.code === 'RATE_LIMITED')) {
        await sleep(1000);
        continue;
      }
      i += kiosks.length;
    }
    const desks = await Promise.all(Array.from({ length: DESKS }, (_, i) => ready(open(url, 'desk', `127.0.0.${2 + i}`, deskToken(i + 1)))));
    sockets.push(...desks);

    let seq = 0;
    const refusals: Record<string, number> = {};
    async function sample(): Promise<number> {
      const desk = desks[seq % DESKS]!;
      const n = seq++;
      const started = performance.now();
      const ack = (await desk.emitWithAck('callNext', { commandId: `flood-call-${n}` })) as AckT;
      const ms = performance.now() - started;
      if (!ack.ok) refusals[ack.error!.code] = (refusals[ack.error!.code] ?? 0) + 1;
      await desk.emitWithAck('finish', { commandId: `flood-fin-${n}` });
      return ms;
    }
    async function phase(deadline: number): Promise<number[]> {
      const out: number[] = [];
      while (out.length < CALLS && performance.now() < deadline) {
        out.push(await sample());
        await sleep(PACE_MS);
      }
      return out;
    }

    const idle = await phase(performance.now() + MAX_SECONDS * 1000);

    // The flood and the boards' loop, from a process of their own.
    const load = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'floodLoad.ts'), url, KIOSK_TOKEN, String(RATE), String(BOARDS)], { stdio: ['pipe', 'pipe', 'inherit'] });
    const lines = createInterface({ input: load.stdout! });
    const report = new Promise<{ flood: unknown; boards: { cycles: number; refused: number } }>((resolve) => lines.on('line', (l) => l.startsWith('{') && resolve(JSON.parse(l))));
    await new Promise<void>((resolve) => lines.on('line', (l) => l === 'LOADING' && resolve()));
    await sleep(1000);
    const flooded = await phase(performance.now() + MAX_SECONDS * 1000);
    load.stdin!.end('stop\n');
    const { flood, boards } = await report;

    const idleMs = summarize(idle);
    const floodMs = summarize(flooded);
    const ratio = Math.round((floodMs.p99 / idleMs.p99) * 100) / 100;
    return {
      bench: 'callNext ack under a flood',
      desks: DESKS,
      floodRate: RATE,
      boards: BOARDS,
      idleAckMs: idleMs,
      floodAckMs: floodMs,
      p99Ratio: ratio,
      flood,
      boardCycles: boards.cycles,
      boardsRefused: boards.refused,
      deskRefusals: refusals,
      goal: { p99Ratio: 2 },
      met: ratio <= 2,
    };
  } finally {
    for (const s of sockets) s.close();
    child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(await run(), null, 2));
