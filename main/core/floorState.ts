/**
 * The floor of one centre on one day, held in memory by the hub and rebuilt from the store at
 * start-up. Core decisions read it; `applyPatch` changes it only after the store has committed.
 */
import { byArrival, byQueueRank, slotPosition } from './queueOrder.js';
import { SortedList } from './sortedList.js';
import type {
  AlertInterval,
  AlertState,
  Booking,
  CallRecord,
  DeskState,
  FloorRules,
  Millis,
  Visit,
  VisitState,
} from './types.js';
import { WAITING_STATES } from './types.js';

export interface AlertChange {
  kind: 'start' | 'end';
  at: Millis;
  source: string;
}

/** What one decision changes. The store writes exactly this, then the hub applies it here. */
export interface FloorPatch {
  bookings: Booking[];
  visits: Visit[];
  desks: DeskState[];
  /** A service's cursor: the position (queueOrder.ts) of the last regular visitor it called. */
  cursors: { service: string; position: number }[];
  calls: CallRecord[];
  alert: AlertChange | null;
  suspended: { service: string; suspended: boolean }[];
}

export function emptyPatch(): FloorPatch {
  return { bookings: [], visits: [], desks: [], cursors: [], calls: [], alert: null, suspended: [] };
}

interface ServiceQueue {
  regular: SortedList<Visit>;
  priority: SortedList<Visit>;
}


export interface FloorSeed {
  rules: FloorRules;
  day: string;
  bookings: Booking[];
  visits: Visit[];
  desks: DeskState[];
  cursors: { service: string; position: number }[];
  alerts: AlertInterval[];
  recentCalls: CallRecord[];
  suspended: string[];
}

export const RECENT_CALLS_KEPT = 20;

export class FloorState {
  readonly rules: FloorRules;
  readonly day: string;
  readonly bookings = new Map<string, Booking>();
  readonly bookingByCode = new Map<string, string>();
  readonly bookingByNumber = new Map<number, string>();
  readonly visits = new Map<string, Visit>();
  readonly desks = new Map<number, DeskState>();
  readonly cursors = new Map<string, number>();
  readonly alerts: AlertInterval[];
  readonly recentCalls: CallRecord[];
  readonly suspended: Set<string>;
  /** Visits per state, kept as visits change, so stats never scan the day. */
  readonly stateCounts = new Map<VisitState, number>();
  /** Visits that checked in today, whatever happened to them since. */
  arrived = 0;
  private readonly queues = new Map<string, ServiceQueue>();
  private readonly deskQueues = new Map<number, SortedList<Visit>>();

  constructor(seed: FloorSeed) {
    this.rules = seed.rules;
    this.day = seed.day;
    for (const service of seed.rules.services) {
      this.queues.set(service.code, { regular: new SortedList(byQueueRank), priority: new SortedList(byArrival) });
    }
    for (const desk of seed.rules.desks) {
      this.deskQueues.set(desk.number, new SortedList(byArrival));
      this.desks.set(desk.number, { number: desk.number, status: 'open', current: null });
    }
    for (const desk of seed.desks) if (this.desks.has(desk.number)) this.desks.set(desk.number, desk);
    for (const c of seed.cursors) this.cursors.set(c.service, c.position);
    for (const b of seed.bookings) this.putBooking(b);
    for (const v of seed.visits) this.putVisit(v);
    this.alerts = [...seed.alerts].sort((a, b) => a.start - b.start);
    this.recentCalls = seed.recentCalls.slice(-RECENT_CALLS_KEPT);
    this.suspended = new Set(seed.suspended);
  }

  get alert(): AlertState {
    const last = this.alerts[this.alerts.length - 1];
    return last && last.end === null
      ? { active: true, since: last.start, source: last.source }
      : { active: false, since: null, source: null };
  }

  /** An active alert stops the floor unless the centre works in a shelter. */
  get frozen(): boolean {
    return this.alert.active && !this.rules.worksDuringAlert;
  }

  /** The position in the floor's order (queueOrder.ts) of the last regular visitor the service called. */
  cursor(service: string): number {
    return this.cursors.get(service) ?? 0;
  }

  /** A visit's place in the floor's order, from its booking's slot time and number. */
  positionOf(visit: Pick<Visit, 'bookingId' | 'number'>): number {
    const booking = this.bookings.get(visit.bookingId);
    return slotPosition({ time: booking?.time ?? '00:00', number: visit.number });
  }

  queueOf(service: string): ServiceQueue | undefined {
    return this.queues.get(service);
  }

  deskQueue(desk: number): SortedList<Visit> | undefined {
    return this.deskQueues.get(desk);
  }

  deskDef(desk: number) {
    return this.rules.desks.find((d) => d.number === desk);
  }

  serviceDef(code: string) {
    return this.rules.services.find((s) => s.code === code);
  }

  /** Waiting visits per service (desk-targeted transfers counted under their service). */
  waitingByService(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const [code, q] of this.queues) counts[code] = q.regular.size + q.priority.size;
    for (const list of this.deskQueues.values()) {
      for (const v of list.values()) counts[v.service] = (counts[v.service] ?? 0) + 1;
    }
    return counts;
  }

  applyPatch(patch: FloorPatch): void {
    for (const b of patch.bookings) this.putBooking(b);
    for (const v of patch.visits) this.putVisit(v);
    for (const d of patch.desks) this.desks.set(d.number, d);
    for (const c of patch.cursors) this.cursors.set(c.service, c.position);
    for (const call of patch.calls) {
      this.recentCalls.push(call);
      if (this.recentCalls.length > RECENT_CALLS_KEPT) this.recentCalls.shift();
    }
    for (const s of patch.suspended) {
      if (s.suspended) this.suspended.add(s.service);
      else this.suspended.delete(s.service);
    }
    if (patch.alert) {
      if (patch.alert.kind === 'start') this.alerts.push({ start: patch.alert.at, end: null, source: patch.alert.source });
      else {
        const last = this.alerts[this.alerts.length - 1];
        if (last && last.end === null) last.end = patch.alert.at;
      }
    }
  }

  private putBooking(b: Booking): void {
    const previous = this.bookings.get(b.id);
    if (previous) {
      this.bookingByCode.delete(previous.code);
      if (this.bookingByNumber.get(previous.number) === b.id) this.bookingByNumber.delete(previous.number);
    }
    if (b.date !== this.day) {
      this.bookings.delete(b.id);
      return;
    }
    this.bookings.set(b.id, b);
    this.bookingByCode.set(b.code, b.id);
    // Central may give a cancelled booking's seat, number and all, to someone else: the active one holds the number.
    const holder = this.bookings.get(this.bookingByNumber.get(b.number) ?? '');
    if (b.status === 'active' || !holder || holder.id === b.id || holder.status !== 'active') this.bookingByNumber.set(b.number, b.id);
  }

  private putVisit(v: Visit): void {
    const previous = this.visits.get(v.bookingId);
    if (previous) {
      this.unindex(previous);
      this.stateCounts.set(previous.state, (this.stateCounts.get(previous.state) ?? 1) - 1);
    }
    if (v.checkedInAt !== null && (previous?.checkedInAt ?? null) === null) this.arrived++;
    this.visits.set(v.bookingId, v);
    this.stateCounts.set(v.state, (this.stateCounts.get(v.state) ?? 0) + 1);
    this.index(v);
  }

  private index(v: Visit): void {
    if (!WAITING_STATES.includes(v.state)) return;
    if (v.targetDesk !== null) {
      this.deskQueues.get(v.targetDesk)?.insert(v);
      return;
    }
    const q = this.queues.get(v.service);
    if (!q) return;
    (v.priority ? q.priority : q.regular).insert(v);
  }

  private unindex(v: Visit): void {
    if (!WAITING_STATES.includes(v.state)) return;
    const same = (c: Visit) => c.bookingId === v.bookingId;
    if (v.targetDesk !== null) {
      this.deskQueues.get(v.targetDesk)?.remove(v, same);
      return;
    }
    const q = this.queues.get(v.service);
    if (!q) return;
    (v.priority ? q.priority : q.regular).remove(v, same);
  }
}
