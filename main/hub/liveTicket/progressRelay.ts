/**
 * The floor's progress for central (DESIGN §6 "Progress", docs/live-ticket.md), so central can serve
 * live tickets to phones on mobile data. Coalesced: after a change at most once per
 * `central.progressEveryMs`, and a heartbeat every `central.progressHeartbeatMs` when nothing
 * changes, so central (and the phone) can tell a quiet floor from a hub that is away.
 *
 * No personal data: per service the number being served, how many wait and the estimated wait; per
 * ticket its key (SHA-256 of the live id, never the id), the booking id central already has, its
 * number, state, people ahead, estimated wait and desk. It is a picture, not a log: a failed push is
 * not queued, the next one says it all. The first push after a start, a new day or a failure
 * carries every ticket of the day; the others the active ones and those that just ended.
 */
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import type { TalonConfig } from '../../config/schema.js';
import { CentralApi } from '../../../sync/client/centralApi.js';
import type { ProgressRequest, ProgressTicket } from '../../../sync/protocol/liveTicket.js';
import type { HubExtension, HubPorts } from '../extensions.js';
import { LIVE_KEY_FILE, LiveIds } from './liveIds.js';
import { floorPicture } from './liveView.js';

const ACTIVE = new Set(['waiting', 'called', 'serving', 'paused']);

export interface ProgressRelayOptions {
  /** Central's API (default: from config.central and its token file). */
  api?: Pick<CentralApi, 'progress'>;
  token?: string;
  ids?: LiveIds;
}

export class ProgressRelay implements HubExtension {
  readonly name = 'live ticket relay';
  private ports: HubPorts | null = null;
  private api: Pick<CentralApi, 'progress'> | null = null;
  private ids: LiveIds | null = null;
  private timer: NodeJS.Timeout | null = null;
  private heartbeat: NodeJS.Timeout | null = null;
  private sending: Promise<void> | null = null;
  private again = false;
  private lastSentAt = 0;
  private full = true;
  private day = '';
  /** Keys sent as active last time: one that is no longer active goes once more with its end. */
  private active = new Set<string>();
  private failing = false;
  /** Pushes central took, and failed tries (the admin page and tests read them). */
  sent = 0;
  failures = 0;
  private readonly onChange = () => this.schedule();

  constructor(private readonly config: TalonConfig, private readonly options: ProgressRelayOptions = {}) {}

  attach(ports: HubPorts): void {
    const c = this.config.central;
    if (!c) return;
    this.ports = ports;
    this.ids = this.options.ids ?? LiveIds.fromFile(join(this.config.data.dir, LIVE_KEY_FILE));
    this.api =
      this.options.api ??
      new CentralApi({ url: c.url, centre: this.config.centre.id, token: this.options.token ?? readFileSync(c.tokenFile, 'utf8').trim(), clock: Date.now });
    ports.floor.on('change', this.onChange);
    ports.floor.on('reloaded', this.onChange);
    this.heartbeat = setInterval(() => this.schedule(), c.progressHeartbeatMs).unref();
    this.schedule();
  }

  /** Sends soon: at once when the last push is old enough, else when it is. */
  schedule(): void {
    if (!this.ports || this.timer) return;
    if (this.sending) {
      this.again = true;
      return;
    }
    const every = this.config.central!.progressEveryMs;
    const wait = Math.max(0, this.lastSentAt + every - this.ports.now());
    this.timer = setTimeout(() => {
      this.timer = null;
      this.sending = this.send().finally(() => {
        this.sending = null;
        if (this.again) {
          this.again = false;
          this.schedule();
        }
      });
    }, wait);
    this.timer.unref();
  }

  /** The request as it would go now (the tests read it too). */
  request(): ProgressRequest {
    const ports = this.ports!;
    const state = ports.floor.state();
    const now = ports.now();
    if (state.day !== this.day) {
      this.day = state.day;
      this.full = true;
      this.active = new Set();
    }
    const picture = floorPicture(state, now);
    const tickets: ProgressTicket[] = [];
    for (const bookingId of state.visits.keys()) {
      const view = picture.ticket(bookingId);
      if (!view) continue;
      const key = LiveIds.keyOf(this.ids!.idFor(state.day, bookingId));
      if (!this.full && !ACTIVE.has(view.state) && !this.active.has(key)) continue;
      tickets.push({
        key,
        booking: bookingId,
        service: view.service.code,
        number: view.number,
        priority: view.priority,
        state: view.state,
        ahead: view.ahead,
        waitMinutes: view.waitMinutes,
        desk: view.desk,
        frozen: view.alert.frozen,
      });
    }
    return {
      terminal: this.config.central!.terminal,
      day: state.day,
      at: now,
      alert: picture.floor.alert,
      services: picture.services,
      calls: picture.floor.calls,
      tickets: tickets.slice(0, 5000),
    };
  }

  private async send(): Promise<void> {
    if (!this.ports || !this.api) return;
    const body = this.request();
    this.lastSentAt = this.ports.now();
    try {
      await this.api.progress(body);
      this.sent++;
      this.full = false;
      this.active = new Set(body.tickets.filter((t) => ACTIVE.has(t.state)).map((t) => t.key));
      if (this.failing) this.ports.log.info({ component: 'liveTicket', tickets: body.tickets.length }, "central takes the floor's progress again");
      this.failing = false;
    } catch (err) {
      this.failures++;
      // Central may have lost what it had: the next push that goes through says everything.
      this.full = true;
      if (!this.failing) this.ports.log.warn({ component: 'liveTicket', err: (err as Error).message }, "central did not take the floor's progress");
      this.failing = true;
    }
  }

  /** Waits for a push under way (tests). */
  async settle(): Promise<void> {
    await this.sending;
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.ports?.floor.off('change', this.onChange);
    this.ports?.floor.off('reloaded', this.onChange);
    this.ports = null;
  }
}

