/**
 * The hub's Prometheus metrics (prom-client), in one registry per hub. Counters are fed through a
 * small explicit interface (`answered`, `printed`, `called`); everything that is a state (queues,
 * desks, alert, printer, devices, the link to central) is read from its owner at scrape time, so a
 * scrape always shows now and nothing has to be kept in step. docs/operations.md lists the names.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { alertTimeWithin } from '../core/alertTime.js';
import { zonedInstant } from '../core/clock.js';
import type { FloorState } from '../core/floorState.js';
import { WAITING_STATES, type CallRecord, type Millis } from '../core/types.js';
import type { TalonConfig } from '../config/schema.js';
import { CLIENT_EVENTS, NAMESPACES, PRINTER_PROBLEMS, type DeviceView, type LinkView, type PrinterView, type PrintView } from '../../sync/protocol/hub.js';

/** One client command answered: what the hub's gateway reports for each ack it sends. */
export interface Answered {
  ns: string;
  event: string;
  ok: boolean;
  /** The refusal's code (TOO_EARLY, ALERT_ACTIVE, …) when not ok. */
  code?: string;
  ms: number;
}

/** Where the metrics read the hub's state on each scrape. */
export interface MetricsSources {
  centre: string;
  timezone: string;
  version: string;
  now(): Millis;
  floor(): FloorState;
  /** Desks the config lists: a desk with no state yet counts as idle. */
  desks: readonly number[];
  devices(): readonly DeviceView[];
  printer(): PrinterView | null;
  link(): LinkView | null;
}

/** The process's own metrics (CPU, memory, event loop, handles): one set per process, however many hubs it runs. */
let processRegistry: Registry | null = null;
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

const PRINTER_STATES = ['ok', 'none', ...PRINTER_PROBLEMS] as const;
const DESK_STATES = ['idle', 'busy', 'paused'] as const;
const LINK_STATES = ['online', 'degraded', 'offline'] as const;
const DEVICE_STATES = ['ok', 'degraded', 'down'] as const;

export class TalonMetrics {
  readonly registry = new Registry();
  private readonly commands: Counter<'ns' | 'event' | 'outcome'>;
  private readonly refusals: Counter<'code'>;
  private readonly latency: Histogram<'ns' | 'event'>;
  private readonly calls: Counter<'service' | 'kind'>;
  private readonly tickets: Counter<'outcome'>;

  constructor(private readonly sources: MetricsSources) {
    const registers = [this.registry];
    this.registry.setDefaultLabels({ centre: sources.centre });
    new Gauge({ name: 'talon_info', help: 'The version this hub runs (always 1).', labelNames: ['version'], registers }).set({ version: sources.version }, 1);

    this.commands = new Counter({ name: 'talon_commands_total', help: 'Client commands answered, by namespace, event and outcome (ok, refused).', labelNames: ['ns', 'event', 'outcome'], registers });
    this.refusals = new Counter({ name: 'talon_refusals_total', help: 'Commands refused, by code.', labelNames: ['code'], registers });
    this.latency = new Histogram({
      name: 'talon_command_duration_seconds',
      help: 'Time from a command received to its ack.',
      labelNames: ['ns', 'event'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers,
    });
    this.calls = new Counter({ name: 'talon_calls_total', help: 'Visitors called to a desk, by service; kind is call or recall.', labelNames: ['service', 'kind'], registers });
    this.tickets = new Counter({ name: 'talon_tickets_total', help: 'Tickets whose printing ended, by outcome (printed, failed).', labelNames: ['outcome'], registers });

    const s = sources;
    const gauge = (name: string, help: string, labelNames: string[], collect: (g: Gauge) => void) =>
      new Gauge({ name, help, labelNames, registers, collect(this: Gauge) { this.reset(); collect(this); } });

    gauge('talon_waiting', 'Visitors checked in and waiting, by service.', ['service'], (g) => {
      const floor = s.floor();
      const waiting = floor.waitingByService();
      // Every service, an empty queue as 0: a series that vanishes reads as "no data", not "nobody".
      for (const code of new Set([...floor.rules.services.map((x) => x.code), ...Object.keys(waiting)])) g.set({ service: code }, waiting[code] ?? 0);
    });
    gauge('talon_longest_wait_seconds', 'How long the longest-waiting visitor has waited since check-in.', [], (g) => {
      const now = s.now();
      let longest = 0;
      for (const v of s.floor().visits.values()) {
        if (WAITING_STATES.includes(v.state) && v.checkedInAt !== null) longest = Math.max(longest, now - v.checkedInAt);
      }
      g.set(longest / 1000);
    });
    gauge('talon_desks', 'Desks by state: idle (open, nobody called), busy (a visitor called or served), paused.', ['state'], (g) => {
      const floor = s.floor();
      const counts = Object.fromEntries(DESK_STATES.map((k) => [k, 0])) as Record<(typeof DESK_STATES)[number], number>;
      for (const n of s.desks) {
        const d = floor.desks.get(n);
        counts[d?.status === 'paused' ? 'paused' : d?.current ? 'busy' : 'idle']++;
      }
      for (const k of DESK_STATES) g.set({ state: k }, counts[k]);
    });
    gauge('talon_alert_active', 'An air-raid alert is on (1) or not (0).', [], (g) => g.set(s.floor().alert.active ? 1 : 0));
    gauge('talon_alert_minutes_today', 'Minutes of alert since midnight, local time.', [], (g) => {
      const floor = s.floor();
      const now = s.now();
      const midnight = zonedInstant(floor.day, '00:00', s.timezone);
      g.set(alertTimeWithin(floor.alerts, midnight, now, now) / 60_000);
    });
    gauge('talon_printer_state', 'The ticket printer state (1 for the current one): ok, none (no printer), or its problem.', ['state'], (g) => {
      const state = s.printer()?.state ?? 'none';
      for (const k of PRINTER_STATES) g.set({ state: k }, k === state ? 1 : 0);
    });
    gauge('talon_printer_queued', 'Tickets waiting to be printed.', [], (g) => g.set(s.printer()?.queued ?? 0));
    gauge('talon_device_up', 'Each device and link the hub watches: 1 ok, 0.5 degraded, 0 down.', ['device', 'kind'], (g) => {
      for (const d of s.devices()) g.set({ device: d.id, kind: d.kind }, d.state === 'ok' ? 1 : d.state === 'degraded' ? 0.5 : 0);
    });
    gauge('talon_devices', 'Devices by kind and state.', ['kind', 'state'], (g) => {
      const counts = new Map<string, number>();
      for (const d of s.devices()) counts.set(`${d.kind}\u0000${d.state}`, (counts.get(`${d.kind}\u0000${d.state}`) ?? 0) + 1);
      for (const kind of new Set(s.devices().map((d) => d.kind))) {
        for (const state of DEVICE_STATES) g.set({ kind, state }, counts.get(`${kind}\u0000${state}`) ?? 0);
      }
    });
    gauge('talon_link_state', 'The link to central (1 for the current state); absent without a central section.', ['state'], (g) => {
      const link = s.link();
      if (!link) return;
      for (const k of LINK_STATES) g.set({ state: k }, link.state === k ? 1 : 0);
    });
    gauge('talon_events_pending', 'Floor events not yet accepted by central.', [], (g) => g.set(s.link()?.pendingEvents ?? 0));
    gauge('talon_events_refused', 'Floor events central refused, kept for the admin (talon events rejected).', [], (g) => g.set(s.link()?.rejectedEvents ?? 0));
    const age = (at: number | null) => (at === null ? Number.POSITIVE_INFINITY : Math.max(0, (s.now() - at) / 1000));
    gauge('talon_last_pull_age_seconds', 'Seconds since the last good pull from central (+Inf: none since start).', [], (g) => {
      const link = s.link();
      if (link) g.set(age(link.lastPullAt));
    });
    gauge('talon_last_push_age_seconds', 'Seconds since the last good push to central (+Inf: none since start).', [], (g) => {
      const link = s.link();
      if (link) g.set(age(link.lastPushAt));
    });
    gauge('talon_clock_skew_seconds', "Central's clock minus this hub's, when known.", [], (g) => {
      const skew = s.link()?.clockSkewMs;
      if (skew !== null && skew !== undefined) g.set(skew / 1000);
    });
  }

  /** A command's ack was sent. */
  answered(a: Answered): void {
    // Labels come from the protocol's lists only: a client sending made-up event names cannot grow the series.
    const ns = (NAMESPACES as readonly string[]).includes(a.ns) ? a.ns : 'other';
    const event = ns !== 'other' && Object.hasOwn(CLIENT_EVENTS[ns as keyof typeof CLIENT_EVENTS], a.event) ? a.event : 'other';
    this.commands.inc({ ns, event, outcome: a.ok ? 'ok' : 'refused' });
    if (!a.ok) this.refusals.inc({ code: a.code && /^[A-Z_]{1,40}$/.test(a.code) ? a.code : 'OTHER' });
    this.latency.observe({ ns, event }, a.ms / 1000);
  }

  /** A ticket's printing moved on; only its end (printed or failed) counts. */
  printed(p: Pick<PrintView, 'status'>): void {
    if (p.status === 'printed' || p.status === 'failed') this.tickets.inc({ outcome: p.status });
  }

  /** Calls committed on the floor (a floor change's `patch.calls`). */
  called(calls: readonly Pick<CallRecord, 'service' | 'recall'>[]): void {
    for (const c of calls) this.calls.inc({ service: c.service, kind: c.recall ? 'recall' : 'call' });
  }

  contentType(): string {
    return this.registry.contentType;
  }

  /** The exposition text: this hub's metrics and the process's. */
  async text(): Promise<string> {
    // Concatenated, not merged: a merged registry would drop this hub's default label (centre).
    const [own, proc] = await Promise.all([this.registry.metrics(), processMetrics().metrics()]);
    return `${own.trimEnd()}\n${proc}`;
  }
}

/** The hub's parts the metrics read, by what they offer (the hub's classes fit). */
export interface HubParts {
  now(): Millis;
  floor: { state(): FloorState };
  devices: { list(): readonly DeviceView[] };
  printer?: { status(): PrinterView } | undefined;
  link?: { view(): LinkView } | undefined;
}

export function hubMetrics(config: TalonConfig, version: string, p: HubParts): TalonMetrics {
  return new TalonMetrics({
    centre: config.centre.id,
    timezone: config.centre.timezone,
    version,
    now: p.now,
    floor: () => p.floor.state(),
    desks: config.desks.map((d) => d.number),
    devices: () => p.devices.list(),
    printer: () => p.printer?.status() ?? null,
    link: () => p.link?.view() ?? null,
  });
}
