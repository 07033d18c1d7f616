/**
 * The fuzz soak (issue 8, docs/benchmarks.md "Fuzz soak"): FUZZ_INPUTS (default 100,000) hostile
 * inputs per boundary against a real hub child process (`talon serve`) on loopback: HTTP requests,
 * handshakes, each namespace's events, Talon and QSystem frames, central's replies. Prints one JSON
 * line per boundary `{ boundary, inputs, crashes, nonAnswers, stateChanges }`; `ok` is false (and the
 * soak runner exits 1) when any of them is non-zero.
 *
 * - crashes: the hub process exited (it is restarted and the soak goes on), or a parser or client
 *   threw out of its boundary;
 * - nonAnswers: a request, handshake or acked event with no well-formed answer within its timeout,
 *   a dropped connection, a garbage frame read as a real one's absence (a real frame missed);
 * - stateChanges: the store (the hub's SQLite file) changed across a batch of only invalid inputs, a
 *   frame read that is not in the bytes, an invalid central reply applied or the link not failing.
 *
 * Bounded: FUZZ_SECONDS (default 900) per boundary and FUZZ_MAX_CRASHES (default 20) restarts per
 * boundary; a boundary cut short says so in `stopped`. SEED makes a run repeatable.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { io, type Socket } from 'socket.io-client';
import type { ChildProcess } from 'node:child_process';
import type { FrameReader } from '../../hardware/serial/busTypes.js';
import { qsystemDriver } from '../../hardware/serial/qsystemFrames.js';
import { talonDriver } from '../../hardware/serial/talonFrames.js';
import { checkIn } from '../../main/core/checkIn.js';
import { FloorService } from '../../main/hub/floorService.js';
import { openStore, type Store } from '../../main/store/index.js';
import { SyncStore } from '../../main/store/syncStore.js';
import { CentralApi, CentralError } from '../../sync/client/centralApi.js';
import { SkewClock } from '../../sync/client/skewClock.js';
import { SyncClient } from '../../sync/client/syncClient.js';
import { CLIENT_EVENTS, type Namespace } from '../../sync/protocol/hub.js';
import { qsystemDeviceFrames, qsystemHubFrames, stream, talonDeviceFrames, talonHubFrames } from '../../tests/helpers/busReference.js';
import { at, booking, rules } from '../../tests/helpers/floor.js';
import { fileDigest, tablesDigest } from '../../tests/helpers/floorDigest.js';
import { clearRefusal, emitRaw, handshake, healthy, parserAccepts, pollingHandshake, rawExchange, validEvent, wellFormed, wellFormedAck, wireBytes } from '../../tests/helpers/fuzzClients.js';
import { MAX_ANSWER, replyArb, startGarbageCentral, TIMEOUT_MS, type GarbageCentral } from '../../tests/helpers/garbageCentral.js';
import { eventArgs, eventName, fieldsOf, handshakeAuth, httpRequest, nastyString, rawHttp, wireValue } from '../../tests/helpers/hostile.js';
import { ADMIN_TOKEN, bookingsNow, deskToken, importBookings, KIOSK_TOKEN, noonZone, startHubProcess, writeConfig } from '../../tests/helpers/hubProcess.js';

const INPUTS = Number(process.env.FUZZ_INPUTS ?? 100_000);
const SECONDS = Number(process.env.FUZZ_SECONDS ?? 900);
const MAX_CRASHES = Number(process.env.FUZZ_MAX_CRASHES ?? 20);
const SEED = Number(process.env.SEED ?? Date.now() % 2 ** 31);
/** FUZZ_ONLY=http,events:desk runs only those boundaries (a prefix matches: `events` runs all four). */
const ONLY = (process.env.FUZZ_ONLY ?? '').split(',').map((b) => b.trim()).filter(Boolean);
const chosen = (boundary: string): boolean => ONLY.length === 0 || ONLY.some((b) => boundary === b || boundary.startsWith(`${b}:`));
const MAX_MESSAGE_BYTES = 16 * 1024;
const DESKS = 3;
const SERVICES = ['DL_EXCHANGE', 'THEORY_EXAM'];

export interface BoundaryResult {
  boundary: string;
  inputs: number;
  crashes: number;
  nonAnswers: number;
  stateChanges: number;
  /** Handshakes let in with a token the namespace does not accept. */
  wrongAccepts?: number;
  stopped?: string;
  /** The first few problems seen, to start fixing from. */
  examples: string[];
  seconds: number;
}

function tally(boundary: string): BoundaryResult & { note(kind: 'crashes' | 'nonAnswers' | 'stateChanges' | 'wrongAccepts', what: string): void } {
  const started = Date.now();
  const r = {
    boundary, inputs: 0, crashes: 0, nonAnswers: 0, stateChanges: 0, examples: [] as string[], seconds: 0,
    note(kind: 'crashes' | 'nonAnswers' | 'stateChanges' | 'wrongAccepts', what: string) {
      (r as unknown as Record<string, number>)[kind] = ((r as unknown as Record<string, number>)[kind] ?? 0) + 1;
      if (r.examples.length < 5) r.examples.push(`${kind}: ${what.slice(0, 300)}`);
    },
    get elapsed() {
      return (Date.now() - started) / 1000;
    },
  };
  return r as typeof r & BoundaryResult;
}

function finish(r: ReturnType<typeof tally>): BoundaryResult {
  const { note: _note, ...rest } = r as ReturnType<typeof tally> & { elapsed: number };
  void _note;
  const out = { ...rest, seconds: Math.round((rest as { elapsed: number }).elapsed) } as BoundaryResult & { elapsed?: number };
  delete out.elapsed;
  console.log(JSON.stringify(out));
  return out;
}

/** Samples `n` values in slices, so 100,000 inputs never sit in memory at once. */
function* inputs<T>(arb: fc.Arbitrary<T>, n: number, salt: number): Generator<T> {
  const slice = 500;
  for (let i = 0; i < n; i += slice) yield* fc.sample(arb, { numRuns: Math.min(slice, n - i), seed: (SEED + salt * 7919 + i) | 0 });
}

/** Runs `work` over the inputs with `width` in flight, until done or out of time or crashes. */
async function pool<T>(r: ReturnType<typeof tally> & { elapsed?: number }, hub: HubUnderTest, values: Iterable<T>, width: number, work: (v: T) => Promise<void>): Promise<void> {
  const it = values[Symbol.iterator]();
  const crashesAtStart = hub.crashes;
  const worker = async () => {
    for (;;) {
      if ((r as { elapsed: number }).elapsed > SECONDS) return void (r.stopped ??= `FUZZ_SECONDS=${SECONDS} reached`);
      if (hub.crashes - crashesAtStart >= MAX_CRASHES) return void (r.stopped ??= `FUZZ_MAX_CRASHES=${MAX_CRASHES} reached`);
      const next = it.next();
      if (next.done) return;
      await hub.ready();
      r.inputs++;
      await work(next.value);
    }
  };
  await Promise.all(Array.from({ length: width }, worker));
}

/** The `talon serve` child: every exit the soak did not ask for is a crash, and it is started again. */
class HubUnderTest {
  child: ChildProcess | null = null;
  url = '';
  port = 0;
  crashes = 0;
  lastExit = '';
  private starting: Promise<void> | null = null;
  private stopping = false;
  /** Crashes are charged to the boundary being fuzzed. */
  onCrash: (what: string) => void = () => undefined;

  constructor(private readonly configPath: string, readonly dbFile: string) {}

  start(): Promise<void> {
    this.starting ??= (async () => {
      const { child, url } = await startHubProcess(this.configPath);
      let stderr = '';
      child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
      child.once('exit', (code, signal) => {
        if (this.stopping) return;
        this.crashes++;
        const lines = stderr.split('\n');
        const first = lines.findIndex((l) => /^\w*(Error|Exception)\b/.test(l.trim()));
        this.lastExit = `exit ${code ?? signal}: ${(first >= 0 ? lines.slice(first, first + 3) : lines.slice(-3)).map((l) => l.trim()).join(' | ')}`;
        this.onCrash(this.lastExit);
        this.child = null;
        void this.start();
      });
      this.child = child;
      this.url = url;
      this.port = Number(new URL(url).port);
      this.starting = null;
    })();
    return this.starting;
  }

  async ready(): Promise<void> {
    while (this.starting || !this.child) {
      if (this.starting) await this.starting;
      else await new Promise((r) => setTimeout(r, 50));
    }
  }

  digest(): string {
    return fileDigest(this.dbFile);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    const child = this.child;
    if (!child) return;
    const gone = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await Promise.race([gone, new Promise((r) => setTimeout(r, 5000))]);
    if (child.exitCode === null) child.kill('SIGKILL');
  }
}

/**
 * Notes a non-answer unless the hub crashed meanwhile: requests cut off by a crash are the crash's
 * (counted once, as a crash). The exit is seen a moment after the sockets close, hence the grace.
 */
async function noteUnlessCrashed(r: ReturnType<typeof tally>, hub: HubUnderTest, crashesBefore: number, what: string): Promise<void> {
  if (hub.crashes === crashesBefore) await new Promise((res) => setTimeout(res, 300));
  if (hub.crashes === crashesBefore && hub.child?.exitCode === null) r.note('nonAnswers', what);
}

/** Runs `batch` and counts a state change when the store moved though every input was invalid. */
async function checkedBatch(r: ReturnType<typeof tally>, hub: HubUnderTest, anyValid: boolean, batch: () => Promise<void>, what: string): Promise<void> {
  const crashes = hub.crashes;
  const before = hub.digest();
  await batch();
  if (hub.crashes !== crashes) return; // a restarted hub: the crash is counted, its state is not compared
  if (!anyValid && hub.digest() !== before) r.note('stateChanges', what);
}

// ---- the hub's boundaries ----

async function fuzzHttp(hub: HubUnderTest): Promise<BoundaryResult> {
  const r = tally('http');
  hub.onCrash = (w) => r.note('crashes', w);
  const all = inputs(httpRequest, INPUTS, 1);
  const batch = function* () {
    for (;;) {
      const b: ReturnType<typeof rawHttp>[] = [];
      for (let i = 0; i < 10; i++) {
        const n = all.next();
        if (n.done) break;
        b.push(rawHttp(n.value));
      }
      if (!b.length) return;
      yield b;
    }
  };
  await pool(r, hub, batch(), 1, async (requests) => {
    r.inputs += requests.length - 1;
    await checkedBatch(r, hub, false, async () => {
      await Promise.all(requests.map(async (bytes) => {
        const crashes = hub.crashes;
        const out = await rawExchange(hub.port, bytes, { localAddress: '127.0.0.2', timeoutMs: 5000 });
        if (!wellFormed(out)) await noteUnlessCrashed(r, hub, crashes, `${JSON.stringify(out)} for ${JSON.stringify(bytes.toString('latin1').split('\r\n')[0])}`);
      }));
    }, 'an HTTP batch');
  });
  if (!(await healthy(hub.url))) r.note('nonAnswers', '/health after the fuzz');
  return finish(r);
}

function rightToken(ns: string, auth: unknown): boolean {
  const token = (auth as { token?: unknown } | null)?.token;
  if (typeof token !== 'string') return false;
  if (ns === 'kiosk') return token === KIOSK_TOKEN;
  if (ns === 'admin') return token === ADMIN_TOKEN;
  if (ns === 'desk') return Array.from({ length: DESKS }, (_, i) => deskToken(i + 1)).includes(token);
  return false;
}

async function fuzzHandshake(hub: HubUnderTest): Promise<BoundaryResult> {
  const r = tally('handshake');
  hub.onCrash = (w) => r.note('crashes', w);
  const ns = fc.constantFrom('kiosk', 'desk', 'admin', 'board', 'ticket');
  const packet = fc.oneof(
    fc.tuple(ns, fc.oneof(handshakeAuth, wireValue)).map(([n, auth]) => `40/${n},${JSON.stringify(auth) ?? ''}`),
    fc.tuple(ns, nastyString(30)).map(([n, text]) => `40/${n},${text}`),
    nastyString(30),
  );
  const arb = fc.oneof(
    { weight: 3, arbitrary: fc.record({ raw: fc.constant(false), ns, auth: handshakeAuth }) },
    { weight: 1, arbitrary: fc.record({ raw: fc.constant(true), ns, packet }) },
  );
  await pool(r, hub, inputs(arb, INPUTS, 2), 8, async (v) => {
    const crashes = hub.crashes;
    if (v.raw) {
      const p = (v as { packet: string }).packet;
      const out = await pollingHandshake(hub.url, 'EIO=4&transport=polling', p);
      const connect = /^40\/[^,]*,(\{.*\})?$/s.test(p) && (() => {
        try {
          const j: unknown = JSON.parse(p.slice(p.indexOf(',') + 1) || '{}');
          return j !== null && typeof j === 'object' && !Array.isArray(j);
        } catch {
          return false;
        }
      })();
      if (out.error || out.statuses.some((s) => s >= 600) || (connect && out.statuses[0] === 200 && out.statuses[1] === 200 && out.reply === null)) await noteUnlessCrashed(r, hub, crashes, `polling ${JSON.stringify(p).slice(0, 120)}: ${JSON.stringify(out).slice(0, 160)}`);
      return;
    }
    const { ns: n, auth } = v as { ns: string; auth: unknown };
    const out = await handshake(hub.url, n, auth, { localAddress: '127.0.0.3', timeoutMs: 5000 });
    if (out.kind === 'connect') {
      if (n !== 'board' && !rightToken(n, auth)) r.note('wrongAccepts', `${n} ${JSON.stringify(auth).slice(0, 120)}`);
      return;
    }
    const oversize = Buffer.byteLength(JSON.stringify(auth) ?? '') > MAX_MESSAGE_BYTES - 64;
    const objectAuth = auth !== null && typeof auth === 'object' && !Array.isArray(auth);
    if (out.kind === 'timeout' || (objectAuth && !oversize && !clearRefusal(out))) await noteUnlessCrashed(r, hub, crashes, `${n} ${JSON.stringify(auth).slice(0, 120)}: ${JSON.stringify(out).slice(0, 160)}`);
  });
  if (!(await healthy(hub.url))) r.note('nonAnswers', '/health after the fuzz');
  return finish(r);
}

const ALL_NAMES = [...new Set((['kiosk', 'desk', 'admin', 'board'] as const).flatMap((ns) => Object.keys(CLIENT_EVENTS[ns])))];


function client(hub: HubUnderTest, ns: Namespace, token: string | undefined, localAddress: string): Socket {
  return io(`${hub.url}/${ns}`, { auth: token ? { token } : {}, transports: ['websocket'], reconnectionDelay: 50, reconnectionDelayMax: 500, localAddress } as Parameters<typeof io>[1]);
}

async function connectedSocket(hub: HubUnderTest, ns: Namespace, token: string | undefined, localAddress: string, timeoutMs = 10_000): Promise<Socket | null> {
  await hub.ready();
  const socket = client(hub, ns, token, localAddress);
  const ok = await new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
  if (ok) return socket;
  socket.close();
  return null;
}

async function fuzzEvents(hub: HubUnderTest, ns: Namespace, index: number): Promise<BoundaryResult> {
  const r = tally(`events:${ns}`);
  hub.onCrash = (w) => r.note('crashes', w);
  const token = { kiosk: KIOSK_TOKEN, desk: deskToken(2), admin: ADMIN_TOKEN, board: undefined }[ns];
  const localAddress = `127.0.0.${10 + index}`;
  let socket: Socket | null = null;
  let url = '';
  const arb = eventName([...Object.keys(CLIENT_EVENTS[ns]), ...ALL_NAMES]).chain((name) => fc.record({ name: fc.constant(name), args: eventArgs(fieldsOf(ns, name)), noAck: fc.nat(7).map((n) => n === 0) }));
  const all = inputs(arb, INPUTS, 10 + index);
  const batches = function* () {
    for (;;) {
      const b = [];
      for (let i = 0; i < 25; i++) {
        const n = all.next();
        if (n.done) break;
        b.push(n.value);
      }
      if (!b.length) return;
      yield b;
    }
  };
  await pool(r, hub, batches(), 1, async (batch) => {
    r.inputs += batch.length - 1;
    // A restarted hub is at another port: connect again there.
    if (!socket || url !== hub.url || !socket.connected) {
      socket?.close();
      await hub.ready();
      url = hub.url;
      const crashes = hub.crashes;
      socket = await connectedSocket(hub, ns, token, localAddress);
      if (!socket) return void (await noteUnlessCrashed(r, hub, crashes, `the ${ns} client cannot connect`));
    }
    const s = socket;
    const anyValid = batch.some((e) => validEvent(ns, e.name, e.args));
    await checkedBatch(r, hub, anyValid, async () => {
      await Promise.all(batch.map(async ({ name, args, noAck }) => {
        const crashes = hub.crashes;
        const out = await emitRaw(s, name, args, { noAck, timeoutMs: 5000 });
        const what = `${JSON.stringify(name)} ${JSON.stringify(args).slice(0, 160)}`;
        const oversize = wireBytes(name, args) > MAX_MESSAGE_BYTES - 64;
        if (out.kind === 'timeout') await noteUnlessCrashed(r, hub, crashes, `no answer to ${what}`);
        else if (out.kind === 'disconnect' && parserAccepts(name) && !oversize && !batch.some((e) => !parserAccepts(e.name) || wireBytes(e.name, e.args) > MAX_MESSAGE_BYTES - 64)) await noteUnlessCrashed(r, hub, crashes, `dropped on ${what}`);
        else if (out.kind === 'ack' && !wellFormedAck(out.ack)) r.note('nonAnswers', `malformed ack ${JSON.stringify(out.ack).slice(0, 100)} to ${what}`);
        else if (out.kind === 'ack' && (out.ack as { ok: boolean }).ok && !validEvent(ns, name, args)) r.note('stateChanges', `invalid input acked ok: ${what}`);
      }));
    }, `a batch of ${ns} events`);
  });
  (socket as Socket | null)?.close();
  if (!(await healthy(hub.url))) r.note('nonAnswers', '/health after the fuzz');
  return finish(r);
}

// ---- the in-process boundaries: frames and central's replies ----

function fuzzFrames(name: 'talon' | 'qsystem'): BoundaryResult {
  const r = tally(`frames:${name}`);
  const driver = name === 'talon' ? talonDriver : qsystemDriver;
  const readers = name === 'talon'
    ? [{ make: () => talonDriver.deviceReader(), ref: talonDeviceFrames }, { make: () => talonDriver.hubReader(), ref: talonHubFrames }]
    : [{ make: () => qsystemDriver.deviceReader(), ref: qsystemDeviceFrames }, { make: () => qsystemDriver.hubReader(), ref: qsystemHubFrames }];
  for (const { bytes, chunks } of inputs(stream(driver), INPUTS, name === 'talon' ? 3 : 4)) {
    if ((r as unknown as { elapsed: number }).elapsed > SECONDS) {
      r.stopped = `FUZZ_SECONDS=${SECONDS} reached`;
      break;
    }
    r.inputs++;
    for (const { make, ref } of readers) {
      let got: unknown[];
      try {
        const reader = make() as FrameReader<unknown>;
        got = chunks.flatMap((c) => reader.push(Buffer.from(c)));
      } catch (err) {
        r.note('crashes', `${String(err)} on ${bytes.toString('hex').slice(0, 120)}`);
        continue;
      }
      const want = ref(bytes).map((f) => JSON.stringify(f));
      const have = got.map((f) => JSON.stringify(f));
      const extra = have.filter((f) => !want.includes(f));
      if (extra.length) r.note('stateChanges', `read ${extra[0]} not in ${bytes.toString('hex').slice(0, 120)}`);
      else if (have.join() !== want.join()) r.note('nonAnswers', `missed a frame of ${bytes.toString('hex').slice(0, 120)}`);
    }
  }
  return finish(r);
}

const NOW = at('09:30');
const STEPS = ['pull', 'push', 'alert', 'pool', 'licences'] as const;
const PATH_OF = { pull: '/bookings', push: '/events', alert: '/alert', pool: '/terminal-pool', licences: '/licences' } as const;

function workerStore(dir: string, n: number): Store {
  const store = openStore(join(dir, `central-${n}-${Date.now()}.db`), NOW);
  const bookings = Array.from({ length: 50 }, (_, i) => booking(1000 + i, '10:00'));
  store.upsertBookings(bookings);
  const floor = new FloorService(store, rules(), () => NOW);
  for (const b of bookings) floor.run((state, now) => checkIn(state, state.bookings.get(b.id) ?? null, now));
  return store;
}

async function fuzzCentral(dir: string): Promise<BoundaryResult> {
  const r = tally('central');
  const central: GarbageCentral = await startGarbageCentral(NOW);
  const WIDTH = 8;
  const workers = Array.from({ length: WIDTH }, (_, n) => ({ n: String(n), store: workerStore(dir, n) }));
  const clientFor = (w: { n: string; store: Store }) =>
    new SyncClient({
      api: new CentralApi({ url: `${central.url}/w${w.n}`, centre: '8041', token: 't', clock: () => NOW, timeoutMs: TIMEOUT_MS, maxAnswerBytes: MAX_ANSWER }),
      store: w.store, sync: new SyncStore(w.store), centre: '8041', terminal: `hub-${w.n}`, clock: new SkewClock(() => NOW, 120_000), pushBatch: 1,
    });
  const arb = fc.record({ step: fc.constantFrom(...STEPS), reply: replyArb, round: fc.nat(19).map((n) => n === 0) });
  const values = inputs(arb, INPUTS, 5)[Symbol.iterator]();
  await Promise.all(workers.map(async (w) => {
    for (;;) {
      if ((r as unknown as { elapsed: number }).elapsed > SECONDS) return void (r.stopped ??= `FUZZ_SECONDS=${SECONDS} reached`);
      const next = values.next();
      if (next.done) return;
      const { step, reply, round } = next.value;
      r.inputs++;
      if (w.store.pendingCount() === 0) {
        w.store.close();
        w.store = workerStore(dir, Number(w.n));
      }
      const client = clientFor(w);
      central.plans.set(w.n, new Map(round ? STEPS.map((s) => [PATH_OF[s], reply]) : [[PATH_OF[step], reply]]));
      central.answered.set(w.n, []);
      const before = tablesDigest(w.store.db);
      let timer: NodeJS.Timeout | undefined;
      const bound = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), 10_000)));
      const call = round ? client.round() : client[step]();
      const outcome = await Promise.race([call.then(() => 'ok' as const, (err: unknown) => err), bound]);
      clearTimeout(timer);
      const what = `${round ? 'round' : step} ${JSON.stringify(reply).slice(0, 160)}`;
      if (outcome === 'late') {
        r.note('nonAnswers', `no outcome within 10 s: ${what}`);
        continue;
      }
      if (outcome !== 'ok' && !(outcome instanceof CentralError)) r.note('crashes', `${String(outcome)}: ${what}`);
      const answered = central.answered.get(w.n) ?? [];
      if (answered.length && answered.every((a) => !a.acceptable)) {
        if (tablesDigest(w.store.db) !== before) r.note('stateChanges', `store changed by ${what}`);
        if (round && client.link.state !== 'offline') r.note('stateChanges', `link ${client.link.state} after ${what}`);
      }
    }
  }));
  for (const w of workers) w.store.close();
  await central.close();
  return finish(r);
}

export async function run(): Promise<object> {
  const dir = mkdtempSync(join(tmpdir(), 'talon-fuzz-soak-'));
  const timezone = noonZone(Date.now());
  const configPath = writeConfig({ dir, desks: DESKS, services: SERVICES, timezone });
  await importBookings(configPath, bookingsNow(timezone, 40, SERVICES), dir);
  const hub = new HubUnderTest(configPath, join(dir, 'talon.db'));
  const results: BoundaryResult[] = [];
  try {
    await hub.start();
    if (chosen('http')) results.push(await fuzzHttp(hub));
    // Events before handshakes: a hub that throttles failed handshakes per address may refuse the
    // event clients' own connections for a while after thousands of wrong tokens.
    for (const [i, ns] of (['kiosk', 'desk', 'admin', 'board'] as const).entries()) if (chosen(`events:${ns}`)) results.push(await fuzzEvents(hub, ns, i));
    if (chosen('handshake')) results.push(await fuzzHandshake(hub));
    hub.onCrash = () => undefined;
    if (chosen('frames:talon')) results.push(fuzzFrames('talon'));
    if (chosen('frames:qsystem')) results.push(fuzzFrames('qsystem'));
    if (chosen('central')) results.push(await fuzzCentral(dir));
  } finally {
    await hub.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  const bad = results.filter((b) => b.crashes || b.nonAnswers || b.stateChanges || b.wrongAccepts);
  return { ok: bad.length === 0, seed: SEED, inputsPerBoundary: INPUTS, failing: bad.map((b) => b.boundary), boundaries: results.map(({ examples: _e, ...b }) => b) };
}
