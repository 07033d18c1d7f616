/**
 * The hub: HTTP + socket.io on one port (DESIGN §5), put together from its parts, each disposable:
 * the HTTP router (router.ts), the socket gateway where every handshake and event is checked,
 * limited and answered (gateway.ts), the broadcaster (broadcaster.ts), the extension host where
 * features register their handlers (extensionHost.ts) and the scheduler (scheduler.ts).
 */
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Server } from 'socket.io';
import { stackOf, type Log } from '../core/log.js';
import { sweepNoShows } from '../core/noShowSweep.js';
import type { Millis } from '../core/types.js';
import type { HubLimits, TalonConfig } from '../config/schema.js';
import type { Store } from '../store/index.js';
import type { ServerEvents } from '../../sync/protocol/hub.js';
import { NAMESPACES, type Namespace } from '../../sync/protocol/hub.js';
import { authenticate, canReadMetrics } from './auth.js';
import { devicesView, floorCommands, type CommandContext, type Feature } from './commands.js';
import { AlertSources } from './alertSources.js';
import { DeviceRegistry } from './devices.js';
import { DisposableStore, toDisposable } from './disposable.js';
import { reprintFeature } from './deskReprint.js';
import { ExtensionHost } from './extensionHost.js';
import type { HubExtensions, HubPorts } from './extensions.js';
import { SocketGateway } from './gateway.js';
import { serveHealth } from './health.js';
import { Pairing } from './pairing.js';
import { readPairRequest } from './pairRoute.js';
import { PairedDevices } from './pairedDevices.js';
import { createHubServer, hubScheme } from './tls.js';
import { FloorService } from './floorService.js';
import { servePage } from './pages.js';
import { serveAudio, speechFor } from './audioRoute.js';
import { Broadcaster } from './broadcaster.js';
import { BoundedQueue, KeyedBuckets } from './limits.js';
import { answerNonHttp, Router } from './router.js';
import { floorRules } from './rules.js';
import { Scheduler } from './scheduler.js';
import { sameDayFeature } from './sameDayDesk.js';
import { alertView } from './views.js';
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
  /** Overrides parts of config.hub.limits (tests that send many events from one socket). */
  limits?: Partial<HubLimits>;
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
  /** The one place sockets are admitted; `dropWhere` drops a revoked device's sockets at once. */
  gateway: SocketGateway;
  sweep(): number;
  close(): Promise<void>;
}

const COMMAND_MEMORY_MS = 48 * 3600_000;

export async function startHub(options: HubOptions): Promise<RunningHub> {
  const { config, store } = options;
  const now = options.now ?? Date.now;
  const root = options.log ?? consoleLog();
  const log = root.child({ component: 'hub' });
  const parts = new DisposableStore((err) => log.error({ err: stackOf(err) }, 'stopping a part of the hub failed'));
  const limits: HubLimits = { ...config.hub.limits, ...options.limits };
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

  const router = new Router(log);
  const http = createHubServer(config, router.listener, log);
  answerNonHttp(http);
  let url = '';
  const host = new ExtensionHost(log);
  const alerts = new AlertSources(floor);
  const scheduler = parts.add(new Scheduler(log));
  const gateway: SocketGateway = parts.add(
    new SocketGateway({
      http,
      config,
      limits,
      now,
      log,
      host,
      authenticate: (ns, token, address) => authenticate(config, ns, token, paired, address),
      hubUrl: () => url,
      scheduler,
      answered: (a) => {
        if (a.ok) broadcaster.invalidate();
        watch.answered(a);
      },
      welcome: (socket, ns) => {
        if (ns === 'kiosk' && ext.printer) socket.emit('printer', ext.printer.status());
        if (ns === 'admin') socket.emit('devices', devices.list());
        if (ns === 'admin') socket.emit('threats', alerts.threats());
        socket.emit('snapshot', broadcaster.snapshotFor(socket));
      },
    }),
  );
  const { io, nsps } = gateway;
  parts.add(toDisposable(() => void floor.removeAllListeners()));
  const broadcaster = parts.add(new Broadcaster({ nsps, floor, config, ext, now, scheduler, statsEveryMs: options.statsEveryMs ?? 100 }));
  parts.add(host);

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
          gate: gateway,
        });
  if (live) {
    ctx.live = live;
    parts.add(toDisposable(() => live.close()));
  }

  // Each feature registers the events it answers; what none registers answers NOT_AVAILABLE.
  const features: Feature[] = [floorCommands, ...(ext.sameDay ? [sameDayFeature(ext.sameDay)] : []), ...(ext.printer ? [reprintFeature] : [])];
  for (const feature of features) feature.register(host, ctx);

  devices.on('change', () => nsps.admin.emit('devices', devices.list()));
  // A revoked console's sockets go at once; the admin page gets the list again (main/hub/pairedDevices.ts).
  paired.on('revoked', (id) => gateway.dropWhere((actor) => actor.deviceId === id));
  paired.on('change', (list) => nsps.admin.emit('pairedDevices', list));
  parts.add(toDisposable(() => void paired.removeAllListeners()));
  alerts.on('threats', (threats) => nsps.admin.emit('threats', threats));
  floor.on('dayChanged', (day) => log.info({ day }, 'a new day; the floor starts afresh'));
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
    dispatch: async (actor, event, payload) => gateway.execute(actor, 'uk', event, [payload]),
    alerts,
    handle: (ns, event, fn) => host.handle(ns, event, fn),
  };
  try {
    for (const extension of [ext.printer, ext.sameDay, ext.link, ...(ext.others ?? [])]) if (extension) await host.attach(extension, ports);
  } catch (err) {
    // What was attached and made so far goes again; the caller sees why the hub did not start.
    await parts.dispose();
    throw err;
  }

  const audio = { buckets: new KeyedBuckets(limits.audio), queue: new BoundedQueue(1, limits.audio.queue) };
  router
    .on('/health', ['GET', 'HEAD'], (req, res, u) =>
      serveHealth(req, res, u, {
        version: talonVersion(),
        day: () => floor.state().day,
        mayReadDetails: (token) => authenticate(config, 'admin', token) !== null,
        details: () => {
          const state = floor.state();
          return {
            centre: config.centre.id,
            serverTime: now(),
            uptimeSeconds: Math.round((now() - started) / 1000),
            alert: alertView(state),
            outboxPending: store.pendingCount(),
            connections: gateway.connections(),
            ...devicesView(ctx),
          };
        },
      }),
    )
    .on(METRICS_PATH, ['GET', 'HEAD'], (req, res) => serveMetrics(req, res, metrics, (token) => canReadMetrics(config, token)))
    .on('/pair', ['POST'], (req, res) => readPairRequest(req, res, pairing, config, paired, log))
    .on('/', ['GET', 'HEAD'], (_req, res) => {
      res.writeHead(302, { location: '/board' });
      res.end();
    })
    .use('extensions', (req, res, u) => host.route(req, res, u.pathname))
    .use('live ticket', (req, res) => live?.route(req, res, servePage) ?? false)
    .use('audio', (req, res) => serveAudio(req, res, speech, { limit: (address) => audio.buckets.take(address, now()), queue: audio.queue }))
    .use('pages', (req, res) => servePage(req, res));

  const sweep = (): number => {
    const outcome = floor.run(sweepNoShows);
    return outcome.ok ? outcome.result.marked : 0;
  };
  const sweepEvery = options.sweepEveryMs ?? 30_000;
  if (sweepEvery > 0) {
    // The sweep also moves the floor to a new day at midnight when nobody acts.
    scheduler.every('no-show sweep', sweepEvery, sweep);
    scheduler.every('forget old commands', 3600_000, () => store.pruneCommands(now() - COMMAND_MEMORY_MS));
    // Personal data past config.retention: as the hub starts, before it answers anyone, then daily
    // (main/store/retention.ts). At start, so a hub restarted often still prunes, and so no later
    // request ever finds the store changing under it for no request's sake.
    const retention = retentionJob(store, config, now, root);
    scheduler.after('retention', 0, retention);
    scheduler.every('retention', DAY_MS, retention);
  }

  const bindHost = options.host ?? config.hub.host;
  const port = options.port ?? config.hub.port;
  try {
    await new Promise<void>((resolve, reject) => {
      http.once('error', reject);
      http.listen(port, bindHost, () => {
        http.off('error', reject);
        resolve();
      });
    });
  } catch (err) {
    await parts.dispose();
    throw err;
  }
  const address = http.address() as AddressInfo;
  const shownHost = bindHost === '0.0.0.0' || bindHost === '::' ? '127.0.0.1' : bindHost;
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
    gateway,
    sweep,
    close: () => parts.dispose(),
  };
}
