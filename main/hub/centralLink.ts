/**
 * The hub's link to central (DESIGN §6) as a hub extension: runs the sync client, reloads the floor
 * when pulled bookings touch today (so kiosks see new and cancelled bookings), pushes the outbox soon
 * after each floor change, turns central's alert into the floor's alert (source `central`, through
 * the same rule as the manual switch), and reports the link to the devices list, `/health` and admin.
 */
import { readFileSync } from 'node:fs';
import { localDate } from '../core/clock.js';
import { logTo } from '../core/log.js';
import type { TalonConfig } from '../config/schema.js';
import type { Store } from '../store/index.js';
import { SyncStore, type Conflict } from '../store/syncStore.js';
import { Backoff } from '../../sync/client/backoff.js';
import { CentralApi } from '../../sync/client/centralApi.js';
import type { SkewClock } from '../../sync/client/skewClock.js';
import { SyncClient, type Timers } from '../../sync/client/syncClient.js';
import type { AlertAnswer } from '../../sync/protocol/central.js';
import type { LinkView } from '../../sync/protocol/hub.js';
import type { CentralLink, HubPorts } from './extensions.js';

export const CENTRAL_SOURCE = 'central';

export interface CentralLinkOptions {
  /** The token itself, instead of reading config.central.tokenFile (tests, the demo). */
  token?: string;
  timers?: Timers;
  random?: () => number;
  /** Off: the test drives rounds with `round()`. */
  autoStart?: boolean;
}

export class CentralSyncLink implements CentralLink {
  readonly name = 'central link';
  readonly client: SyncClient;
  readonly sync: SyncStore;
  private ports: HubPorts | null = null;
  private lastView = '';

  constructor(
    private readonly config: TalonConfig,
    store: Store,
    readonly clock: SkewClock,
    private readonly options: CentralLinkOptions = {},
  ) {
    const c = config.central!;
    const token = options.token ?? readFileSync(c.tokenFile, 'utf8').trim();
    this.sync = new SyncStore(store);
    this.client = new SyncClient({
      api: new CentralApi({ url: c.url, centre: config.centre.id, token, clock: clock.local }),
      store,
      sync: this.sync,
      centre: config.centre.id,
      terminal: c.terminal,
      clock,
      pageSize: c.pageSize,
      pollEveryMs: c.pollEveryMs,
      backoff: new Backoff({ minMs: c.retryMinMs, maxMs: c.retryMaxMs, ...(options.random && { random: options.random }) }),
      ...(options.timers && { timers: options.timers }),
      // The client is made before the hub attaches the link; its lines reach the hub's log from then on.
      log: logTo((e) => this.ports?.log.child({ component: 'sync' })[e.level](e.fields, e.msg)),
      hooks: {
        pulled: (r) => {
          for (const c of r.conflicts) this.conflict(c);
          const floor = this.ports?.floor;
          if (floor && r.dates.has(floor.state().day)) {
            floor.reload();
            floor.emit('reloaded');
          }
        },
        alert: (a) => this.centralAlert(a),
        round: () => this.report(),
      },
    });
  }

  attach(ports: HubPorts): void {
    this.ports = ports;
    ports.floor.on('change', () => this.client.kick());
    this.report();
    if (this.options.autoStart !== false) this.client.start();
  }

  /** One sync round now (tests; the loop runs them on its own). */
  round() {
    return this.client.round();
  }

  async close(): Promise<void> {
    await this.client.stop();
  }

  view(): LinkView {
    const l = this.client.link;
    return {
      state: l.state ?? 'offline',
      since: l.since,
      lastPullAt: l.lastPullAt,
      lastPushAt: l.lastPushAt,
      pendingEvents: this.sync.pendingCount(),
      rejectedEvents: this.sync.rejectedCount(),
      clockSkewMs: this.clock.skewMs,
      clockSuspect: this.clock.suspect,
    };
  }

  /** Central is one alert source among others (DESIGN §7), combined with them in main/hub/alertSources.ts. */
  private centralAlert(a: AlertAnswer): void {
    const ports = this.ports;
    if (!ports || !this.config.alerts.sources.includes('central')) return;
    ports.alerts.report(CENTRAL_SOURCE, a.active);
  }

  /**
   * The `clock` device: ok within the skew bound, degraded while corrected to central's time, down
   * past the correction bound, where the hub keeps its own clock (docs/sync.md, "Clock"). The skew is
   * shown rounded (minutes, hours, days) so a round trip's noise does not make a new report each round.
   */
  private reportClock(ports: HubPorts): void {
    const zone = this.clock.zone;
    if (zone === null) return;
    const off = roughly(this.clock.skewMs ?? 0);
    ports.devices.report({
      id: 'clock',
      kind: 'clock',
      name: 'hub clock',
      state: zone === 'ok' ? 'ok' : zone === 'corrected' ? 'degraded' : 'down',
      detail: zone === 'ok'
        ? 'in step with central'
        : zone === 'corrected'
          ? `corrected to central's time (${off})`
          : `off by ${off}, past the bound of ${roughly(this.clock.maxCorrectionMs).slice(1)}: the hub keeps its own clock`,
    });
  }

  private conflict(c: Conflict): void {
    this.ports?.log.child({ component: 'sync' }).warn({ bookingId: c.bookingId, visitState: c.visitState }, 'a booking was cancelled centrally after its check-in; the visit stays on the floor');
  }

  private report(): void {
    const ports = this.ports;
    if (!ports) return;
    const view = this.view();
    const conflicts = this.sync.conflicts().filter((c) => localDate(c.at, this.config.centre.timezone) === ports.floor.state().day).length;
    const parts = [
      view.state === 'offline' && view.since ? `offline since ${new Date(view.since).toISOString()}` : view.state,
      `${view.pendingEvents} to send`,
      ...(view.rejectedEvents ? [`${view.rejectedEvents} refused by central`] : []),
      ...(conflicts ? [`${conflicts} cancelled after check-in today`] : []),
      ...(view.clockSuspect ? [`clock off by ${Math.round(view.clockSkewMs! / 1000)} s`] : []),
      ...(this.client.link.lastError && view.state !== 'online' ? [this.client.link.lastError] : []),
    ];
    ports.devices.report({
      id: 'central',
      kind: 'central',
      name: 'Е-запис',
      state: view.state === 'online' && !view.clockSuspect ? 'ok' : view.state === 'offline' ? 'down' : 'degraded',
      detail: parts.join('; '),
    });
    this.reportClock(ports);
    const key = JSON.stringify({ ...view, lastPullAt: null, lastPushAt: null });
    if (key !== this.lastView) {
      this.lastView = key;
      ports.emitToRole('admin', 'link', view);
    }
  }
}

/** A skew as people read it: `+20 min`, `-3 h`, `+3 d` (the sign only for a skew). */
export function roughly(ms: number): string {
  const sign = ms < 0 ? '-' : '+';
  const a = Math.abs(ms);
  const [n, unit] = a < 2 * 3600_000 ? [Math.round(a / 60_000), 'min'] : a < 2 * 86_400_000 ? [Math.round(a / 3600_000), 'h'] : [Math.round(a / 86_400_000), 'd'];
  return `${sign}${n} ${unit}`;
}
