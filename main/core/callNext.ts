/**
 * Calling visitors to a desk (DESIGN §4): transfers aimed at this desk first, then the earliest
 * priority visitor of the desk's services, then the lowest rank in the service queues: the floor's
 * order of slot time, then number (queueOrder.ts, the one rule). A queue's cursor is the position of
 * the last regular visitor it called, so after an alert the next call is the next one in the order,
 * however long the alert lasted.
 */
import { refuse, type FloorError } from './errors.js';
import { DecisionBuilder, type Decision } from './decision.js';
import { advancesCursor, byArrival, byQueueRank } from './queueOrder.js';
import type { FloorState } from './floorState.js';
import { deskFrozen } from './shelter.js';
import type { CallRecord, DeskState, Millis, Visit } from './types.js';

export interface CallResult {
  call: CallRecord;
  desk: DeskState;
}

/** Checks shared by every call: no alert freezes the desk (shelter.ts) and the desk is free to call. */
export function deskMayCall(state: FloorState, deskNumber: number): { ok: true; desk: DeskState } | { ok: false; error: FloorError } {
  const desk = state.desks.get(deskNumber);
  if (!desk || !state.deskDef(deskNumber)) return refuse('UNKNOWN_DESK', { desk: deskNumber });
  if (deskFrozen(state, deskNumber)) return refuse('ALERT_ACTIVE');
  if (desk.status === 'paused') return refuse('DESK_PAUSED');
  if (desk.current !== null) return refuse('DESK_BUSY');
  return { ok: true, desk };
}

/** The visit callNext would take for this desk, or undefined when nobody waits for it. */
export function nextFor(state: FloorState, deskNumber: number): Visit | undefined {
  const targeted = state.deskQueue(deskNumber)?.first();
  if (targeted) return targeted;
  const services = state.deskDef(deskNumber)?.services ?? [];
  let best: Visit | undefined;
  for (const service of services) {
    const candidate = state.queueOf(service)?.priority.first();
    if (candidate && (!best || byArrival(candidate, best) < 0)) best = candidate;
  }
  if (best) return best;
  for (const service of services) {
    const candidate = state.queueOf(service)?.regular.first();
    if (candidate && (!best || byQueueRank(candidate, best) < 0)) best = candidate;
  }
  return best;
}

export function callVisit(state: FloorState, desk: DeskState, visit: Visit, now: Millis): Decision<CallResult> {
  const b = new DecisionBuilder();
  const called: Visit = {
    ...visit,
    state: 'called',
    desk: desk.number,
    targetDesk: null,
    calledAt: now,
    recalls: 0,
    noShowReason: null,
    updatedAt: now,
  };
  const deskAfter: DeskState = { ...desk, current: visit.bookingId, since: now };
  const call: CallRecord = {
    number: visit.number,
    priority: visit.priority,
    desk: desk.number,
    service: visit.service,
    at: now,
    recall: false,
    bookingId: visit.bookingId,
  };
  b.patch.visits.push(called);
  b.patch.desks.push(deskAfter);
  b.patch.calls.push(call);
  // A transferred visitor's slot belongs to the queue they came from: calling them moves no cursor.
  const position = state.positionOf(visit);
  if (!visit.priority && visit.state !== 'transferred' && advancesCursor(position, state.cursor(visit.service))) {
    b.patch.cursors.push({ service: visit.service, position });
  }
  b.event('visit.called', now, visit.bookingId, { number: visit.number, desk: desk.number, service: visit.service });
  return b.done({ call, desk: deskAfter });
}

export function callNext(state: FloorState, deskNumber: number, now: Millis): Decision<CallResult> {
  const may = deskMayCall(state, deskNumber);
  if (!may.ok) return may;
  const visit = nextFor(state, deskNumber);
  if (!visit) return refuse('QUEUE_EMPTY');
  return callVisit(state, may.desk, visit, now);
}

/** A desk calls a chosen number: a waiting visitor, or one marked no-show who came back. */
export function callNumber(state: FloorState, deskNumber: number, number: number, now: Millis): Decision<CallResult> {
  const may = deskMayCall(state, deskNumber);
  if (!may.ok) return may;
  const bookingId = state.bookingByNumber.get(number);
  const visit = bookingId === undefined ? undefined : state.visits.get(bookingId);
  if (!visit) return refuse('UNKNOWN_NUMBER', { number });
  const returning = visit.state === 'no_show' && visit.noShowReason === 'did_not_come';
  if (visit.state !== 'checked_in' && visit.state !== 'transferred' && !returning) return refuse('NOT_WAITING', { number });
  const served = state.deskDef(deskNumber)?.services.includes(visit.service) ?? false;
  if (!served && visit.targetDesk !== deskNumber) return refuse('NOT_SERVED_HERE', { service: visit.service });
  return callVisit(state, may.desk, visit, now);
}
