/**
 * The hub: HTTP + socket.io on one port (DESIGN §5). Namespaces per role, tokens at the handshake,
 * one validated handler per event, an ack for every command, a snapshot on every (re)connect.
 */
import type { AddressInfo } from 'node:net';
import { Server, type Namespace as IoNamespace, type Socket } from 'socket.io';
import type { Log } from '../core/log.js';
import { sweepNoShows } from '../core/noShowSweep.js';
import type { Lang } from '../core/messages.js';
import type { Millis } from '../core/types.js';
import type { TalonConfig } from '../config/schema.js';
import type { Store } from '../store/index.js';
import { CLIENT_EVENTS, NAMESPACES, handshakeSchema, type Ack, type Namespace, type ServerEvents, type Snapshot } from '../../sync/protocol/hub.js';
import { authenticate, canReadMetrics } from './auth.js';
import { devicesView, HANDLERS, type Actor, type Answer, type CommandContext } from './commands.js';
import { AlertSources } from './alertSources.js';
import { DeviceRegistry } from './devices.js';
import type { HubExtension, HubExtensions, HubPorts } from './extensions.js';
import { Pairing } from './pairing.js';
import { readPairRequest } from './pairRoute.js';
import { PairedDevices } from './pairedDevices.js';
import { createHubServer, hubScheme } from './tls.js';
import { FloorService, type FloorChange } from './floorService.js';
import { hubError, toHubError } from './hubErrors.js';
import { sendJson, servePage } from './pages.js';
import { serveAudio, speechFor } from './audioRoute.js';
import { floorRules } from './rules.js';
import { alertView, callView, ownDeskView, snapshot, statsView } from './views.js';
import { join } from 'node:path';
import { LIVE_KEY_FILE, LiveIds } from './liveTicket/liveIds.js';
import { LiveTickets } from './liveTicket/liveTickets.js';
import { consoleLog } from '../ops/logger.js';
import { watchHub } from '../ops/hubWatch.js';
import { hubMetrics, type TalonMetrics } from '../ops/metrics.js';
import { METRICS_PATH, serveMetrics } from '../ops/metricsRoute.js';
import { talonVersion } from '../ops/version.js';
import { DAY_MS, retentionJob } from '../store/retention.js';

export interface HubOptions {
  config: TalonConfig;
  store: Store;
  now?: () => Millis;
  log?: Log;
  /** Overrides config.hub for tests and the demo (port 0 = any free port). */
  host?: string;
  port?: number;
  /** How often the no-show sweep runs; 0 turns the timer off (tests call sweep()). */
  sweepEveryMs?: number;
  /**
   * Waiting counts (`stats`, `queue`) are sent at most this often, coalescing a burst of changes into
   * one message; calls, alerts and a desk's own state are always sent at once.
   */
  statsEveryMs?: number;
  /** The printer, the same-day pool and licences, the link to central, device bridges. */
  extensions?: HubExtensions;
  /** The live tickets' key (default: `live-ticket.key` in the data folder); false turns them off. */
  liveIds?: LiveIds | false;
}

export interface RunningHub {
  url: string;
  port: number;
  floor: FloorService;
  io: Server;
  devices: DeviceRegistry;
  alerts: AlertSources;
  /** The citizens' live tickets (`/t/{id}`, the `/ticket` socket); null when turned off. */
  live: LiveTickets | null;
  metrics: TalonMetrics;
  sweep(): number;
  close(): Promise<void>;
}

interface SocketData {
  actor: Actor;
  lang: Lang;
}

const MAX_PAYLOAD_BYTES = 16 * 1024;
const COMMAND_MEMORY_MS = 48 * 3600_000;

function describeIssues(issues: readonly { path: PropertyKey[]; message: string }[]): string {
  return issues.map((i) => `${i.path.length ? i.path.join('.') : 'payload'}: ${i.message}`).join('; ');
}

export async function startHub(options: HubOptions): Promise<RunningHub> {
  const { config, store } = options;
  const now = options.now ?? Date.now;
  const root = options.log ?? consoleLog();
  const log = root.child({ component: 'hub' });
  const floor = new FloorService(store, floorRules(config), now, root);
  const ext = options.extensions ?? {};
  const devices = new DeviceRegistry(now);
  const pairing = new Pairing(now);
  const paired = new PairedDevices(store, now);
  const ctx: CommandContext = { floor, config, now, ext, devices, pairing, paired };
  const started = now();
  const speech = speechFor(config);
  const metrics = hubMetrics(config, talonVersion(), { now, floor, devices, printer: ext.printer, link: ext.link });
  const watch = watchHub({ log: root, metrics, floor, devices });

  const http = createHubServer(config, (req, res) => {
    const path = new URL(req.url ?? '/', 'http://hub').pathname;
    if (path === '/health') {
      const state = floor.state();
      sendJson(res, 200, {
        ok: true,
        centre: config.centre.id,
        version: talonVersion(),
        day: state.day,
        serverTime: now(),
        uptimeSeconds: Math.round((now() - started) / 1000),
        alert: alertView(state),
        outboxPending: store.pendingCount(),
        connections: Object.fromEntries(NAMESPACES.map((n) => [n, io.of(`/${n}`).sockets.size])),
        ...devicesView(ctx),
      });
      return;
    }
    if (path === METRICS_PATH) {
      void serveMetrics(req, res, metrics, (token) => canReadMetrics(config, token));
      return;
    }
    if (path === '/pair') {
      void readPairRequest(req, res, pairing, config, paired, log);
      return;
    }
    if (path === '/') {
      res.writeHead(302, { location: '/board' });
      res.end();
      return;
    }
    if (attached.some((e) => e.route?.(req, res, path))) return;
    if (live?.route(req, res, servePage)) return;
    if (serveAudio(req, res, speech)) return;
    if (servePage(req, res)) return;
    sendJson(res, 404, { ok: false, error: { code: 'NOT_FOUND', message: `no such page: ${path}` } });
  }, log);

  const io = new Server(http, { maxHttpBufferSize: MAX_PAYLOAD_BYTES, serveClient: false });
  let url = '';
  const live =
    options.liveIds === false
      ? null
      : new LiveTickets({
          io,
          floor,
          config,
          ids: options.liveIds ?? LiveIds.fromFile(join(config.data.dir, LIVE_KEY_FILE)),
          now,
          log: log.child({ component: 'liveTicket' }),
          hubUrl: () => url,
        });
  if (live) ctx.live = live;
  const nsps = Object.fromEntries(NAMESPACES.map((n) => [n, io.of(`/${n}`)])) as Record<Namespace, IoNamespace>;

  /** The snapshot everyone shares; a desk console's adds its own desk (see `snapshotFor`). */
  const sharedSnapshot = (): Snapshot => snapshot(floor.state(), config, now(), undefined, ext.sameDay?.offers(now()));
  const snapshotFor = (socket: Socket, shared: Snapshot = sharedSnapshot()): Snapshot => {
    const { actor } = socket.data as SocketData;
    if (actor.place) return { ...shared, place: actor.place };
    return actor.desk === undefined ? shared : { ...shared, desk: ownDeskView(floor.state(), actor.desk) };
  };

  for (const ns of NAMESPACES) {
    const nsp = nsps[ns];
    nsp.use((socket, next) => {
      const hs = handshakeSchema.safeParse(socket.handshake.auth ?? {});
      const lang: Lang = hs.success && hs.data.lang ? hs.data.lang : 'uk';
      const actor = hs.success ? authenticate(config, ns, hs.data.token, paired, socket.handshake.address) : null;
      if (!actor) {
        const error = Object.assign(new Error('UNAUTHORIZED'), { data: hubError('UNAUTHORIZED', lang) });
        log.warn({ ns, address: socket.handshake.address }, 'refused a connection: bad token');
        next(error);
        return;
      }
      (socket.data as SocketData) = { actor, lang };
      next();
    });
    nsp.on('connection', (socket) => {
      const { actor } = socket.data as SocketData;
      void socket.join(`actor:${actor.id}`);
      if (actor.desk !== undefined) void socket.join(`desk:${actor.desk}`);
      if (ns === 'kiosk' && ext.printer) socket.emit('printer', ext.printer.status());
      if (ns === 'admin') socket.emit('devices', devices.list());
      if (ns === 'admin') socket.emit('threats', alerts.threats());
      socket.emit('snapshot', snapshotFor(socket));
      socket.onAny((event: string, ...args: unknown[]) => dispatch(socket, event, args));
    });
  }

  /** Runs one client event and reports its answer (the refusal logged, the metrics counted). */
  function execute(actor: Actor, lang: Lang, event: string, args: unknown[]): Ack {
    const started = performance.now();
    const ack = run(actor, lang, event, args);
    watch.answered({ ns: actor.role, event, actorId: actor.id, ok: ack.ok, ...(!ack.ok && { code: ack.error.code }), ms: performance.now() - started });
    return ack;
  }

  /** Validates and runs one client event for an actor; the socket path and device bridges share it. */
  function run(actor: Actor, lang: Lang, event: string, args: unknown[]): Ack {
    const ns = actor.role;
    const table = CLIENT_EVENTS[ns] as Record<string, import('zod').ZodType>;
    const schema = Object.hasOwn(table, event) ? table[event] : undefined;
    if (!schema) {
      const elsewhere = NAMESPACES.some((n) => Object.hasOwn(CLIENT_EVENTS[n], event));
      const code = ns === 'board' ? 'READ_ONLY' : elsewhere ? 'FORBIDDEN' : 'UNKNOWN_EVENT';
      return { ok: false, error: hubError(code, lang, { event: event.slice(0, 40) }) };
    }
    if (args.length > 1) return { ok: false, error: hubError('BAD_PAYLOAD', lang, { detail: 'one payload object expected' }) };
    const parsed = schema.safeParse(args[0] ?? {});
    if (!parsed.success) return { ok: false, error: hubError('BAD_PAYLOAD', lang, { detail: describeIssues(parsed.error.issues) }) };
    let result: Answer;
    try {
      const handler = (HANDLERS[ns] as Record<string, (p: unknown, a: Actor, c: CommandContext) => Answer>)[event]!;
      result = handler(parsed.data, actor, ctx);
    } catch (err) {
      log.error({ ns, event, actor: actor.id, err: (err as Error).stack ?? String(err) }, 'a command failed');
      return { ok: false, error: hubError('INTERNAL', lang) };
    }
    if (result.ok) return { ok: true, ...result.body };
    if ('hubError' in result) return { ok: false, error: hubError(result.hubError.code, lang, result.hubError.params) };
    return { ok: false, error: toHubError(result.error, lang, config) };
  }

  function dispatch(socket: Socket, event: string, args: unknown[]): void {
    const { actor, lang } = socket.data as SocketData;
    const ack = typeof args[args.length - 1] === 'function' ? (args.pop() as (a: Ack) => void) : null;
    if (!ack) {
      socket.emit('problem', { event, error: hubError('BAD_PAYLOAD', lang, { detail: 'every event needs an acknowledgement callback' }) });
      return;
    }
    ack(execute(actor, lang, event, args));
  }

  function resnapshotAll(): void {
    const shared = sharedSnapshot();
    for (const ns of NAMESPACES) for (const socket of nsps[ns].sockets.values()) socket.emit('snapshot', snapshotFor(socket, shared));
  }

  /** After a commit, tell each role what changed for it. */
  function broadcast({ patch }: FloorChange): void {
    const state = floor.state();
    for (const call of patch.calls) {
      const view = callView(call);
      nsps.board.emit('called', view);
      nsps.desk.emit('called', view);
    }
    if (patch.alert || patch.suspended.length) {
      if (patch.alert) for (const ns of NAMESPACES) nsps[ns].emit('alert', alertView(state));
      resnapshotAll();
      return;
    }
    if (patch.visits.length || patch.desks.length) {
      scheduleStats();
      const desks = new Set<number>(patch.desks.map((d) => d.number));
      for (const v of patch.visits) {
        if (v.desk !== null) desks.add(v.desk);
        if (v.targetDesk !== null) desks.add(v.targetDesk);
      }
      for (const d of desks) nsps.desk.to(`desk:${d}`).emit('desk', ownDeskView(state, d));
    }
  }

  let statsTimer: NodeJS.Timeout | null = null;
  const statsEvery = options.statsEveryMs ?? 100;
  function sendStats(): void {
    statsTimer = null;
    const stats = statsView(floor.state(), ext.sameDay?.offers(now()));
    nsps.board.emit('stats', stats);
    nsps.admin.emit('stats', stats);
    nsps.kiosk.emit('stats', stats);
    nsps.desk.emit('queue', stats.waiting);
    // Each console's list of who it may call changes with every check-in, not only with its own desk.
    for (const d of config.desks) nsps.desk.to(`desk:${d.number}`).emit('desk', ownDeskView(floor.state(), d.number));
  }
  function scheduleStats(): void {
    statsTimer ??= setTimeout(sendStats, statsEvery);
  }

  floor.on('change', broadcast);
  floor.on('reloaded', () => resnapshotAll());
  devices.on('change', () => nsps.admin.emit('devices', devices.list()));
  // A revoked console's sockets go at once; the admin page gets the list again (main/hub/pairedDevices.ts).
  paired.on('revoked', (id) => {
    for (const socket of nsps.desk.sockets.values()) if ((socket.data as SocketData).actor.deviceId === id) socket.disconnect();
  });
  paired.on('change', (list) => nsps.admin.emit('pairedDevices', list));

  const alerts = new AlertSources(floor);
  alerts.on('threats', (threats) => nsps.admin.emit('threats', threats));
  const ports: HubPorts = {
    floor,
    config,
    now,
    devices,
    log: root,
    emitToActor: (actorId, event, payload) => {
      const ns = actorId.split(':')[0] as Namespace;
      if (event === 'print') watch.printed(payload as ServerEvents['print']);
      if (NAMESPACES.includes(ns)) nsps[ns].to(`actor:${actorId}`).emit(event, payload);
    },
    emitToRole: (role, event, payload) => {
      nsps[role].emit(event, payload);
    },
    dispatch: async (actor, event, payload) => execute(actor, 'uk', event, [payload]),
    alerts,
  };
  const attached: HubExtension[] = [];
  for (const extension of [ext.printer, ext.sameDay, ext.link, ...(ext.others ?? [])]) {
    if (!extension) continue;
    await extension.attach?.(ports);
    attached.push(extension);
  }
  floor.on('dayChanged', (day) => {
    log.info({ day }, 'a new day; the floor starts afresh');
    resnapshotAll();
  });

  const sweep = (): number => {
    const outcome = floor.run(sweepNoShows);
    return outcome.ok ? outcome.result.marked : 0;
  };
  const timers: NodeJS.Timeout[] = [];
  const sweepEvery = options.sweepEveryMs ?? 30_000;
  if (sweepEvery > 0) {
    // The sweep also moves the floor to a new day at midnight when nobody acts.
    timers.push(setInterval(sweep, sweepEvery).unref());
    timers.push(setInterval(() => store.pruneCommands(now() - COMMAND_MEMORY_MS), 3600_000).unref());
    // Personal data past config.retention: a minute after start, then daily (main/store/retention.ts).
    const retention = retentionJob(store, config, now, root);
    timers.push(setTimeout(retention, 60_000).unref(), setInterval(retention, DAY_MS).unref());
  }

  const host = options.host ?? config.hub.host;
  const port = options.port ?? config.hub.port;
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(port, host, () => {
      http.off('error', reject);
      resolve();
    });
  });
  const address = http.address() as AddressInfo;
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  url = `${hubScheme(config)}://${shownHost}:${address.port}`;
  log.info({ url }, 'listening');

  return {
    url,
    port: address.port,
    floor,
    io,
    devices,
    alerts,
    live,
    metrics,
    sweep,
    close: async () => {
      await live?.close();
      for (const extension of attached.reverse()) {
        try {
          await extension.close?.();
        } catch (err) {
          log.error({ extension: extension.name, err: String(err) }, 'closing an extension failed');
        }
      }
      for (const t of timers) clearInterval(t);
      if (statsTimer) clearTimeout(statsTimer);
      floor.removeAllListeners();
      await new Promise<void>((resolve) => {
        io.close(() => resolve());
      });
    },
  };
}
