/**
 * Live tickets (docs/live-ticket.md), two measurements printed as JSON:
 *
 * 1. One real hub process (10 desks) with 2,000 live tickets open on its `/ticket` socket, spread
 *    over 40 loopback addresses as phones on a guest Wi-Fi would be (the hub holds at most 100
 *    live-ticket sockets per address), while desks call. Each phone keeps what its page shows,
 *    `composeLiveTicket(own, floor)`, from the moment its socket is made: the shared `floor`
 *    broadcast and its own `ticket` part, as the page does. Measured: the time from a desk's
 *    `callNext` to a page showing the call (the first phone, the last ticket in line, and the last
 *    of all the phones; the hub coalesces to one picture per 250 ms by design, and each call starts a fresh
 *    window, as calls seconds apart do), the messages a call costs, the hub's CPU per call with and
 *    without the tickets open (from /proc, user + system), and at the end that every sampled page
 *    shows what a fresh page of the same ticket shows.
 * 2. The reference central with 143 centres pushing their progress (150 tickets each) every 3 s
 *    while 500 phones poll `GET /v1/tickets/{id}`: the ticket API's latency and the pushes'.
 *
 * Bounded: every wait has a timeout (a call the pages do not show within BENCH_LIVE_WAIT_MS counts
 * as missed), and the calls stop at BENCH_LIVE_DEADLINE_S.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { LiveFloor, LiveOwn, LiveTicket, ProgressRequest } from '../sync/protocol/liveTicket.js';
import { composeLiveTicket } from '../sync/protocol/liveCompose.js';
import { bookingsNow, deskToken, importBookings, KIOSK_TOKEN, noonZone, startHubProcess, writeConfig } from '../tests/helpers/hubProcess.js';
import { summarize } from './stats.js';

const TICKETS = Number(process.env.BENCH_TICKETS ?? 2000);
const CALLS = Number(process.env.BENCH_LIVE_CALLS ?? 200);
/** Pause after each call's finish, so the next call starts a fresh coalescing window. */
const GAP_MS = Number(process.env.BENCH_LIVE_GAP_MS ?? 300);
const WAIT_MS = Number(process.env.BENCH_LIVE_WAIT_MS ?? 5000);
const DEADLINE_S = Number(process.env.BENCH_LIVE_DEADLINE_S ?? 900);
const ACK_MS = 10_000;
const DESKS = 10;
const ADDRESSES = 40;
const SAMPLE = 100;
const SERVICES = ['DL_EXCHANGE', 'THEORY_EXAM'];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const round2 = (x: number) => Math.round(x * 100) / 100;

/** The hub's CPU time so far, user and system (kernel: on loopback most of a socket write's cost). */
function cpuMs(pid: number): { user: number; system: number } {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return { user: Number(fields[11]) * 10, system: Number(fields[12]) * 10 }; // clock ticks (100/s)
}

/** CPU per call between two readings: user, system and their total, in ms. */
function perCall(a: { user: number; system: number }, b: { user: number; system: number }, calls: number) {
  const n = Math.max(1, calls);
  const user = (b.user - a.user) / n;
  const system = (b.system - a.system) / n;
  return { user: round2(user), system: round2(system), total: round2(user + system) };
}

function connect(url: string, ns: string, token?: string): Promise<Socket> {
  const socket = io(`${url}/${ns}`, { auth: token ? { token } : {}, transports: ['websocket'] });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${ns}: no snapshot in ${ACK_MS} ms`)), ACK_MS);
    socket.once('snapshot', () => (clearTimeout(timer), resolve(socket)));
    socket.once('connect_error', (err) => (clearTimeout(timer), reject(err)));
  });
}

const callKey = (c: { number: number; priority: boolean; desk: number }) => `${c.priority ? 'p' : ''}${c.number}@${c.desk}`;

/** When the pages first showed a call at the top of their newest calls. */
interface Shown { count: number; first: number; last: number; watched: number | null }

/** A phone: what its page works from and shows, kept from the moment its socket is made. */
class Phone {
  own: LiveOwn | null = null;
  floor: LiveFloor | null = null;
  view: LiveTicket | null = null;
  floors = 0;
  tickets = 0;
  private top = '';
  constructor(readonly socket: Socket, readonly watched: boolean, private readonly onShow: (key: string, phone: Phone) => void) {
    socket.on('floor', (f: LiveFloor) => {
      this.floor = f;
      this.floors++;
      this.compose();
    });
    socket.on('ticket', (o: LiveOwn) => {
      this.own = o;
      this.tickets++;
      this.compose();
    });
  }

  get ready(): boolean {
    return this.own !== null && this.floor !== null;
  }

  private compose(): void {
    if (!this.own || !this.floor) return;
    this.view = composeLiveTicket(this.own, this.floor);
    const top = this.view.calls[0];
    const key = top ? callKey(top) : '';
    if (key && key !== this.top) this.onShow(key, this);
    this.top = key;
  }
}

/** Opens one live ticket; resolves once its page has both parts, or with the refusal's code. */
function openPhone(url: string, ticket: string, i: number, watched: boolean, onShow: (key: string, phone: Phone) => void): Promise<Phone | string> {
  const socket = io(`${url}/ticket`, {
    auth: { ticket },
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    localAddress: `127.0.0.${2 + (i % ADDRESSES)}`,
  } as Parameters<typeof io>[1]);
  const phone = new Phone(socket, watched, onShow);
  return new Promise((resolve) => {
    const done = (result: Phone | string) => {
      clearTimeout(timer);
      socket.off('floor', check);
      socket.off('ticket', check);
      if (typeof result === 'string') socket.close();
      resolve(result);
    };
    const check = () => phone.ready && done(phone);
    const timer = setTimeout(() => done('TIMEOUT'), ACK_MS);
    socket.on('floor', check);
    socket.on('ticket', check);
    socket.once('connect_error', (err) => done(String((err as Error & { data?: { code?: string } }).data?.code ?? err.message)));
  });
}

/** The call the pages are awaited for, and how to wake the wait. */
interface Waiter { key: string | null; resolve?: () => void }

interface CallPhase { done: number; missed: number; firstMs: number[]; watchedMs: number[]; allMs: number[]; stoppedByDeadline: boolean }

/**
 * Desks call in turn: `callNext`, wait until `expect` pages show the call (when phones are open),
 * `finish`, a pause. Every wait is bounded.
 */
async function callMany(desks: Socket[], from: number, count: number, deadline: number, shown: Map<string, Shown>, expect: number, waiter: Waiter): Promise<CallPhase> {
  const phase: CallPhase = { done: 0, missed: 0, firstMs: [], watchedMs: [], allMs: [], stoppedByDeadline: false };
  for (let i = from; i < from + count; i++) {
    if (Date.now() > deadline) {
      phase.stoppedByDeadline = true;
      break;
    }
    const desk = desks[i % desks.length]!;
    const started = performance.now();
    const ack = (await desk.timeout(ACK_MS).emitWithAck('callNext', { commandId: `bench-live-call-${i}` })) as { ok: boolean; call?: { number: number; priority: boolean; desk: number } };
    if (!ack.ok || !ack.call) throw new Error(`call ${i}: ${JSON.stringify(ack)}`);
    if (expect > 0) {
      const key = callKey(ack.call);
      const all = await new Promise<boolean>((resolve) => {
        if ((shown.get(key)?.count ?? 0) >= expect) return resolve(true);
        const timer = setTimeout(() => resolve(false), WAIT_MS);
        waiter.key = key;
        waiter.resolve = () => (clearTimeout(timer), resolve(true));
      });
      waiter.key = null;
      const s = shown.get(key);
      if (s) phase.firstMs.push(s.first - started);
      if (s?.watched != null) phase.watchedMs.push(s.watched - started);
      if (all && s) phase.allMs.push(s.last - started);
      else phase.missed++;
    }
    const fin = (await desk.timeout(ACK_MS).emitWithAck('finish', { commandId: `bench-live-fin-${i}` })) as { ok: boolean };
    if (!fin.ok) throw new Error(`finish ${i}: ${JSON.stringify(fin)}`);
    phase.done++;
    await sleep(GAP_MS);
  }
  return phase;
}

async function hubSide(): Promise<Record<string, unknown>> {
  const deadline = Date.now() + DEADLINE_S * 1000;
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
      const ack = (await kiosk.timeout(ACK_MS).emitWithAck('checkIn', { commandId: `bench-live-ci-${i}`, code: `CODE${String(i).padStart(6, '0')}` })) as { ok: boolean; ticket: { liveUrl: string } };
      if (!ack.ok) throw new Error(`check-in ${i}: ${JSON.stringify(ack)}`);
      links.push(ack.ticket.liveUrl);
    }
    const shown = new Map<string, Shown>();
    const waiter: Waiter = { key: null };

    // Without tickets open: the hub's CPU per call.
    const cpu0 = cpuMs(child.pid!);
    const idle = await callMany(desks, 0, CALLS, deadline, shown, 0, { key: null });
    const cpuWithout = perCall(cpu0, cpuMs(child.pid!), idle.done);

    // The tickets open: the last ones checked in (they stay waiting through the run); the very last
    // is watched, as it hears every call of its queue.
    const ids = links.slice(-TICKETS).map((l) => l.split('/t/')[1]!);
    let expect = 0;
    const onShow = (key: string, phone: Phone) => {
      const now = performance.now();
      const s = shown.get(key) ?? { count: 0, first: now, last: now, watched: null };
      s.count++;
      s.last = now;
      if (phone.watched) s.watched = now;
      shown.set(key, s);
      if (waiter.key === key && s.count >= expect) waiter.resolve?.();
    };
    const phones: Phone[] = [];
    const refused: Record<string, number> = {};
    const connectStarted = performance.now();
    for (let i = 0; i < ids.length && Date.now() < deadline; i += 100) {
      const batch = await Promise.all(ids.slice(i, i + 100).map((id, j) => openPhone(url, id, i + j, i + j === ids.length - 1, onShow)));
      for (const p of batch) {
        if (typeof p === 'string') refused[p] = (refused[p] ?? 0) + 1;
        else phones.push(p);
      }
    }
    const connectMs = performance.now() - connectStarted;
    sockets.push(...phones.map((p) => p.socket));
    if (phones.length === 0) throw new Error(`no live ticket connected: ${JSON.stringify(refused)}`);
    expect = phones.length;
    await sleep(GAP_MS);

    const floors0 = phones.reduce((n, p) => n + p.floors, 0);
    const tickets0 = phones.reduce((n, p) => n + p.tickets, 0);
    const cpu1 = cpuMs(child.pid!);
    const open = await callMany(desks, CALLS, CALLS, deadline, shown, expect, waiter);
    const cpuWith = perCall(cpu1, cpuMs(child.pid!), open.done);
    const floorMsgs = phones.reduce((n, p) => n + p.floors, 0) - floors0;
    const ticketMsgs = phones.reduce((n, p) => n + p.tickets, 0) - tickets0;

    // Every sampled page shows what a fresh page of the same ticket shows. Snapshot first: a fresh
    // socket's own part goes to the whole room, the long-lived page included.
    await sleep(GAP_MS);
    const step = Math.max(1, Math.floor(phones.length / SAMPLE));
    const sample = phones.filter((_, i) => i % step === 0).slice(0, SAMPLE);
    const before = sample.map((p) => ({ view: p.view!, id: ids[phones.indexOf(p)]! }));
    let agree = 0;
    const disagree: unknown[] = [];
    for (let k = 0; k < before.length; k++) {
      const { view, id } = before[k]!;
      const fresh = await openPhone(url, id, k, false, () => {});
      if (typeof fresh === 'string') {
        disagree.push({ id: id.slice(0, 6), refused: fresh });
        continue;
      }
      const truth = fresh.view!;
      fresh.socket.close();
      const same = view.state === truth.state && view.ahead === truth.ahead && view.desk === truth.desk && Math.abs((view.waitMinutes ?? -99) - (truth.waitMinutes ?? -99)) < 2;
      if (same) agree++;
      else if (disagree.length < 5) disagree.push({ page: { state: view.state, ahead: view.ahead, wait: view.waitMinutes }, fresh: { state: truth.state, ahead: truth.ahead, wait: truth.waitMinutes } });
    }
    return {
      tickets: TICKETS,
      phonesConnected: phones.length,
      refused,
      addresses: ADDRESSES,
      connectMs: Math.round(connectMs),
      calls: { withoutTickets: idle.done, withTickets: open.done, missed: open.missed, stoppedByDeadline: idle.stoppedByDeadline || open.stoppedByDeadline },
      callToFirstPageMs: summarize(open.firstMs),
      callToLastInLinePageMs: summarize(open.watchedMs),
      callToAllPagesMs: summarize(open.allMs),
      perCall: { floorBroadcasts: round2(floorMsgs / Math.max(1, open.done) / phones.length), ticketMessages: round2(ticketMsgs / Math.max(1, open.done)) },
      hubCpuMsPerCall: { withoutTickets: cpuWithout, withTickets: cpuWith },
      hubCpuRatio: cpuWithout.total > 0 ? round2(cpuWith.total / cpuWithout.total) : null,
      pagesTrue: { sampled: before.length, agree, disagree },
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
    const timer = setTimeout(() => (child.kill('SIGKILL'), reject(new Error('central did not start in 30 s'))), 30_000);
    createInterface({ input: child.stdout! }).on('line', (line) => line.startsWith('URL ') && (clearTimeout(timer), resolve(line.slice(4))));
    child.once('exit', (code) => (clearTimeout(timer), reject(new Error(`central exited ${code}`))));
  });
  const central = {
    url,
    close: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
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
      signal: AbortSignal.timeout(ACK_MS),
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
        const res = await fetch(`${central.url}/v1/tickets/${idOf(p % CENTRES, p % PER_CENTRE)}`, { signal: AbortSignal.timeout(ACK_MS) });
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
