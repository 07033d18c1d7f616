/** What the hub shows each role, derived from the floor; shapes from sync/protocol/hub.ts. */
import type { FloorState } from '../core/floorState.js';
import type { CallRecord, Visit } from '../core/types.js';
import type { TalonConfig } from '../config/schema.js';
import type { AlertView, CallView, DeskView, Snapshot, StatsView, TicketView, VisitView } from '../../sync/protocol/hub.js';
import type { Ticket } from '../core/checkIn.js';
import { deskInShelter, shelterDesks } from '../core/shelter.js';
import { estimatedWait } from '../core/estimate.js';
import { isPickupBooking } from '../core/sameDay.js';
import { waitingFor } from '../core/waitingList.js';

export function callView(c: CallRecord): CallView {
  return { number: c.number, priority: c.priority, desk: c.desk, service: c.service, at: c.at, recall: c.recall };
}

export function visitView(state: FloorState, v: Visit): VisitView {
  return {
    bookingId: v.bookingId,
    number: v.number,
    priority: v.priority,
    service: v.service,
    state: v.state,
    time: isPickupBooking(v.bookingId) ? '' : (state.bookings.get(v.bookingId)?.time ?? ''),
    checkedInAt: v.checkedInAt,
    calledAt: v.calledAt,
    startedAt: v.startedAt,
    recalls: v.recalls,
    transfers: v.transfers,
  };
}

export function deskView(state: FloorState, number: number): DeskView {
  const desk = state.desks.get(number);
  const current = desk?.current ? state.visits.get(desk.current) : undefined;
  return {
    number,
    services: state.deskDef(number)?.services ?? [],
    status: desk?.status ?? 'open',
    current: current ? visitView(state, current) : null,
    ...(deskInShelter(state.rules, number) && { shelter: true }),
    pauseReason: desk?.status === 'paused' ? (desk.pauseReason ?? 'other') : null,
    since: desk?.since ?? null,
  };
}

/** A desk as its own console sees it: with the visitors it may call, next first. */
export function ownDeskView(state: FloorState, number: number): DeskView {
  const waiting = waitingFor(state, number).map((v) => ({
    bookingId: v.bookingId,
    number: v.number,
    service: v.service,
    time: isPickupBooking(v.bookingId) ? '' : (state.bookings.get(v.bookingId)?.time ?? ''),
    checkedInAt: v.checkedInAt,
    priority: v.priority,
  }));
  return { ...deskView(state, number), waiting };
}

export function alertView(state: FloorState): AlertView {
  const a = state.alert;
  const sheltered = shelterDesks(state.rules);
  return { active: a.active, since: a.since, freezes: a.active && sheltered.length < state.rules.desks.length, shelterDesks: sheltered };
}

/** Free same-day slots per service, as the same-day desk offers them (none without a pool). */
export type Offers = ReadonlyMap<string, { freeSlots: number | null }> | undefined;

export function statsView(state: FloorState, offers?: Offers): StatsView {
  const count = (s: Visit['state']) => state.stateCounts.get(s) ?? 0;
  return {
    waiting: state.waitingByService(),
    served: count('done'),
    checkedIn: state.arrived,
    noShows: count('no_show'),
    // The board shows free same-day slots per service next to the waiting counts.
    ...(offers && { freeSlots: Object.fromEntries(state.rules.services.map((s) => [s.code, offers.get(s.code)?.freeSlots ?? 0])) }),
  };
}

export function ticketView(t: Ticket, printed: boolean) {
  return {
    bookingId: t.bookingId,
    number: t.number,
    priority: t.priority,
    service: t.service,
    time: isPickupBooking(t.bookingId) ? '' : t.time,
    desks: t.desks,
    checkedInAt: t.checkedInAt,
    reprint: t.reprint,
    printed,
  };
}

export function snapshot(state: FloorState, config: TalonConfig, now: number, desk?: number, offers?: Offers): Snapshot {
  return {
    serverTime: now,
    day: state.day,
    centre: {
      id: config.centre.id,
      name: config.centre.name,
      timezone: config.centre.timezone,
      worksDuringAlert: config.centre.worksDuringAlert,
      shelter: config.centre.shelter ?? null,
    },
    services: config.services.map((s) => ({ code: s.code, uk: s.uk, en: s.en, suspended: state.suspended.has(s.code) })),
    desks: config.desks.map((d) => deskView(state, d.number)),
    alert: alertView(state),
    calls: state.recentCalls.map(callView),
    stats: statsView(state, offers),
    ...(desk === undefined ? {} : { desk: ownDeskView(state, desk) }),
    board: { languages: config.board.languages, switchEverySeconds: config.board.switchEverySeconds },
  };
}

/** A ticket's people ahead and expected wait, as the kiosk and the printed ticket show them. */
export function waitView(state: FloorState, bookingId: string, now: number): Pick<TicketView, 'peopleAhead' | 'estimatedWaitMinutes'> {
  const w = estimatedWait(state, bookingId, now);
  return { peopleAhead: w?.peopleAhead ?? null, estimatedWaitMinutes: w?.minutes ?? null };
}

/**
 * What a hall board may know (least knowledge): numbers, desks, services, call times and counts.
 * A desk's current visit keeps its number, service, state and call time; its booking id (for a
 * licence pickup it holds the application number), booking time and the times the visitor checked
 * in and started are blanked, and a desk's own list of who waits is not there at all.
 */
export function boardSnapshot(s: Snapshot): Snapshot {
  const { desk: _desk, ...rest } = s;
  return {
    ...rest,
    desks: s.desks.map((d) => ({
      number: d.number,
      services: d.services,
      status: d.status,
      current: d.current && {
        bookingId: '',
        number: d.current.number,
        priority: d.current.priority,
        service: d.current.service,
        state: d.current.state,
        time: '',
        checkedInAt: null,
        calledAt: d.current.calledAt,
        startedAt: null,
        recalls: d.current.recalls,
        transfers: d.current.transfers,
      },
      ...(d.shelter && { shelter: true }),
    })),
  };
}
