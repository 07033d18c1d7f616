/**
 * Live tickets (docs/live-ticket.md), two measurements printed as JSON:
 *
 * 1. One real hub process (10 desks) with 2,000 live tickets open on its `/ticket` socket, spread
 *    over 40 loopback addresses as phones on a guest Wi-Fi would be, while desks call: the time from
 *    a desk's `callNext` to the next ticket in line hearing it moved up (p50/p99; the hub coalesces
 *    ticket updates to one picture per 250 ms by design), and the hub's CPU per call with and
 *    without the 2,000 tickets open (from /proc, user + system).
 * 2. The reference central with 143 centres pushing their progress (150 tickets each) every 3 s
 *    while 500 phones poll `GET /v1/tickets/{id}`: the ticket API's latency and the pushes'.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { ProgressRequest } from '../sync/protocol/liveTicket.js';
import { bookingsNow, deskToken, importBookings, KIOSK_TOKEN, noonZone, startHubProcess, writeConfig } from '../tests/helpers/hubProcess.js';
import { summarize } from './stats.js';

const TICKETS = Number(process.env.BENCH_TICKETS ?? 2000);
const CALLS = Number(process.env.BENCH_LIVE_CALLS ?? 200);
const DESKS = 10;
const ADDRESSES = 40;
const SERVICES = ['DL_EXCHANGE', 'THEORY_EXAM'];

function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]); // utime + stime, in clock ticks (100/s)
  return ticks * 10;
}

function connect(url: string, ns: string, token?: string): Promise<Socket> {
  const socket = io(`${url}/${ns}`, { auth: token ? { token } : {}, transports: ['websocket'] });
  return new Promise((resolve) => socket.once('snapshot', () => resolve(socket)));
}

function phone(url: string, ticket: string, i: number): Promise<Socket> {
  const socket = io(`${url}/ticket`, {
    auth: { ticket },
    transports: ['websocket'],
    forceNew: true,
    localAddress: `127.0.0.${2 + (i % ADDRESSES)}`,
  } as Parameters<typeof io>[1]);
  return new Promise((resolve, reject) => {
    socket.once('ticket', () => resolve(socket));
    socket.once('connect_error', (err) => reject(err));
  });
}

async function callMany(desks: Socket[], from: number, count: number, onCall?: (i: number, started: number) => Promise<void>): Promise<void> {
  for (let i = from; i < from + count; i++) {
    const desk = desks[i % desks.length]!;
    const started = performance.now();
    const wait = onCall?.(i, started);
    const ack = (await desk.emitWithAck('callNext', { commandId: `bench-live-call-${i}` })) as { ok: boolean };
    if (!ack.ok) throw new Error(`call ${i}: ${JSON.stringify(ack)}`);
    await wait;
    await desk.emitWithAck('finish', { commandId: `bench-live-fin-${i}` });
  }
}

async function hubSide(): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'talon-bench-live-'));
  const timezone = noonZone(Date.now());
  const configPath = writeConfig({ dir, desks: DESKS, services: SERVICES, timezone });
  const total = TICKETS + 2 * CALLS + 10;
  await importBookings(configPath, bookingsNow(timezone, total, SERVICES), dir);
  const { child, url } = await startHubProcess(configPath);
  const sockets: Socket[] = [];
  try {
    const kiosk = await connect(url, 'kiosk', KIOSK_TOKEN);
    const desks = await Promise.all(Array.from({ length: DESKS }, (_, i) => connect(url, 'desk', deskToken(i + 1))));
    sockets.push(kiosk, ...desks);
    const links: string[] = [];
    for (let i = 0; i < total; i++) {
      const ack = (await kiosk.emitWithAck('checkIn', { commandId: `bench-live-ci-${i}`, code: `CODE${String(i).padStart(6, '0')}` })) as { ok: boolean; ticket: { liveUrl: string } };
      if (!ack.ok) throw new Error(`check-in ${i}: ${JSON.stringify(ack)}`);
      links.push(ack.ticket.liveUrl);
    }
    // Without tickets open: the hub's CPU per call.
    const cpu0 = cpuMs(child.pid!);
    await callMany(desks, 0, CALLS);
    const cpuWithout = (cpuMs(child.pid!) - cpu0) / CALLS;

    // 2,000 tickets open: the last ones checked in (they stay waiting through the run).
    const ids = links.slice(-TICKETS).map((l) => l.split('/t/')[1]!);
    for (let i = 0; i < ids.length; i += 100) sockets.push(...(await Promise.all(ids.slice(i, i + 100).map((id, j) => phone(url, id, i + j)))));
    const watched = sockets[sockets.length - 1]!; // the last in line hears every call
    const latencies: number[] = [];
    const cpu1 = cpuMs(child.pid!);
    await callMany(desks, CALLS, CALLS, (_i, started) => new Promise<void>((resolve) => watched.once('ticket', () => {
      latencies.push(performance.now() - started);
      resolve();
    })));
    const cpuWith = (cpuMs(child.pid!) - cpu1) / CALLS;
    return {
      tickets: TICKETS,
      calls: CALLS,
      callToTicketMs: summarize(latencies),
      hubCpuMsPerCall: { withoutTickets: Math.round(cpuWithout * 100) / 100, withTickets: Math.round(cpuWith * 100) / 100 },
      hubCpuRatio: cpuWithout > 0 ? Math.round((cpuWith / cpuWithout) * 100) / 100 : null,
    };
  } finally {
    for (const s of sockets) s.close();
    child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

async function centralSide(): Promise<Record<string, unknown>> {
  const CENTRES = 143;
  const PER_CENTRE = 150;
  const POLLERS = Number(process.env.BENCH_POLLERS ?? 500);
  const SECONDS = Number(process.env.BENCH_CENTRAL_SECONDS ?? 10);
  // Central in a process of its own, so the load generator does not share its event loop.
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'liveCentralChild.ts'), String(CENTRES)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => line.startsWith('URL ') && resolve(line.slice(4)));
    child.once('exit', (code) => reject(new Error(`central exited ${code}`)));
  });
  const central = { url, close: async () => void child.kill('SIGTERM') };
  const day = new Date().toISOString().slice(0, 10);
  const idOf = (centre: number, i: number) => createHash('md5').update(`${centre}/${i}`).digest('hex');
  const keyOf = (id: string) => createHash('sha256').update(id).digest('hex');
  let round = 0;
  const body = (centre: number): ProgressRequest => ({
    terminal: 'hub-1',
    day,
    at: Date.now(),
    alert: { active: false, since: null },
    services: [{ service: 'DL_EXCHANGE', uk: 'Обмін', en: 'Exchange', serving: 1000 + round, waiting: PER_CENTRE, waitMinutes: 5, frozen: false }],
    calls: [{ number: 1000 + round, priority: false, desk: 1, at: Date.now() }],
    tickets: Array.from({ length: PER_CENTRE }, (_, i) => ({
      key: keyOf(idOf(centre, i)),
      booking: `B-${centre}-${i}`,
      service: 'DL_EXCHANGE',
      number: 1000 + i,
      priority: false,
      state: 'waiting' as const,
      ahead: Math.max(0, i - round),
      waitMinutes: Math.max(0, i - round) * 5,
      desk: null,
      frozen: false,
    })),
  });
  const push = async (centre: number): Promise<number> => {
    const started = performance.now();
    const res = await fetch(`${central.url}/v1/centres/${8000 + centre}/progress`, {
      method: 'PUT',
      headers: { authorization: `Bearer token-${centre}`, 'content-type': 'application/json' },
      body: JSON.stringify(body(centre)),
    });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`push ${centre}: HTTP ${res.status}`);
    return performance.now() - started;
  };
  try {
    await Promise.all(Array.from({ length: CENTRES }, (_, c) => push(c)));
    const pushes: number[] = [];
    const gets: number[] = [];
    const end = Date.now() + SECONDS * 1000;
    let stop = false;
    // Each centre every 3 s, spread over the interval.
    const pushers = Array.from({ length: CENTRES }, async (_, c) => {
      await new Promise((r) => setTimeout(r, (c * 3000) / CENTRES));
      while (!stop) {
        const next = Date.now() + 3000;
        pushes.push(await push(c));
        round++;
        await new Promise((r) => setTimeout(r, Math.max(0, next - Date.now())));
      }
    });
    const pollers = Array.from({ length: POLLERS }, async (_, p) => {
      while (!stop) {
        const started = performance.now();
        const res = await fetch(`${central.url}/v1/tickets/${idOf(p % CENTRES, p % PER_CENTRE)}`);
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`ticket: HTTP ${res.status}`);
        gets.push(performance.now() - started);
        await new Promise((r) => setTimeout(r, 1000));
      }
    });
    while (Date.now() < end) await new Promise((r) => setTimeout(r, 200));
    stop = true;
    await Promise.all([...pushers, ...pollers]);
    return { centres: CENTRES, ticketsPerCentre: PER_CENTRE, pollers: POLLERS, seconds: SECONDS, pushMs: summarize(pushes), ticketGetMs: summarize(gets) };
  } finally {
    await central.close();
  }
}

export async function run(): Promise<Record<string, unknown>> {
  return { bench: 'live tickets', hub: await hubSide(), central: await centralSide() };
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(await run(), null, 2));
