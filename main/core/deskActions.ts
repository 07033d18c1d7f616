/**
 * What a desk does with the visitor it called: recall, start, finish, no-show, transfer; and its own
 * pause and resume.
 */
import { refuse, type FloorError } from './errors.js';
import { DecisionBuilder, type Decision } from './decision.js';
import type { FloorState } from './floorState.js';
import { rankBehindCursor } from './queueOrder.js';
import { deskFrozen } from './shelter.js';
import type { CallRecord, DeskState, Millis, PauseReason, Visit } from './types.js';

export interface DeskResult {
  desk: DeskState;
  visit: Visit | null;
}

type Current = { ok: true; desk: DeskState; visit: Visit } | { ok: false; error: FloorError };

function current(state: FloorState, deskNumber: number): Current {
  const desk = state.desks.get(deskNumber);
  if (!desk || !state.deskDef(deskNumber)) return refuse('UNKNOWN_DESK', { desk: deskNumber });
  const visit = desk.current === null ? undefined : state.visits.get(desk.current);
  if (!visit) return refuse('DESK_IDLE');
  return { ok: true, desk, visit };
}

export function recall(state: FloorState, deskNumber: number, now: Millis): Decision<DeskResult & { call: CallRecord }> {
  const c = current(state, deskNumber);
  if (!c.ok) return c;
  if (deskFrozen(state, deskNumber)) return refuse('ALERT_ACTIVE');
  if (c.visit.state !== 'called') return refuse('WRONG_STATE', { state: c.visit.state });
  if (c.visit.recalls >= state.rules.maxRecalls) return refuse('RECALL_LIMIT', { recalls: c.visit.recalls });
  const visit: Visit = { ...c.visit, recalls: c.visit.recalls + 1, updatedAt: now };
  const call: CallRecord = {
    number: visit.number,
    priority: visit.priority,
    desk: deskNumber,
    service: visit.service,
    at: now,
    recall: true,
    bookingId: visit.bookingId,
  };
  const b = new DecisionBuilder();
  b.patch.visits.push(visit);
  b.patch.calls.push(call);
  b.event('visit.recalled', now, visit.bookingId, { number: visit.number, desk: deskNumber, recalls: visit.recalls });
  return b.done({ desk: c.desk, visit, call });
}

export function start(state: FloorState, deskNumber: number, now: Millis): Decision<DeskResult> {
  const c = current(state, deskNumber);
  if (!c.ok) return c;
  if (c.visit.state !== 'called') return refuse('WRONG_STATE', { state: c.visit.state });
  const visit: Visit = { ...c.visit, state: 'serving', startedAt: now, updatedAt: now };
  const b = new DecisionBuilder();
  b.patch.visits.push(visit);
  b.event('visit.started', now, visit.bookingId, { number: visit.number, desk: deskNumber });
  return b.done({ desk: c.desk, visit });
}

/** Ends the visit; a visitor who sat down without a separate start is finished from `called` too. */
export function finish(state: FloorState, deskNumber: number, now: Millis): Decision<DeskResult> {
  const c = current(state, deskNumber);
  if (!c.ok) return c;
  if (c.visit.state !== 'serving' && c.visit.state !== 'called') return refuse('WRONG_STATE', { state: c.visit.state });
  const visit: Visit = { ...c.visit, state: 'done', startedAt: c.visit.startedAt ?? now, finishedAt: now, updatedAt: now };
  const desk: DeskState = { ...c.desk, current: null, since: now };
  const b = new DecisionBuilder();
  b.patch.visits.push(visit);
  b.patch.desks.push(desk);
  b.event('visit.finished', now, visit.bookingId, { number: visit.number, desk: deskNumber, service: visit.service });
  return b.done({ desk, visit });
}

/** Only after the required recalls, so nobody is marked absent on a single call. */
export function noShow(state: FloorState, deskNumber: number, now: Millis): Decision<DeskResult> {
  const c = current(state, deskNumber);
  if (!c.ok) return c;
  if (c.visit.state !== 'called') return refuse('WRONG_STATE', { state: c.visit.state });
  const left = state.rules.recallsBeforeNoShow - c.visit.recalls;
  if (left > 0) return refuse('NO_SHOW_TOO_SOON', { left });
  const visit: Visit = { ...c.visit, state: 'no_show', noShowReason: 'did_not_come', finishedAt: now, updatedAt: now };
  const desk: DeskState = { ...c.desk, current: null, since: now };
  const b = new DecisionBuilder();
  b.patch.visits.push(visit);
  b.patch.desks.push(desk);
  b.event('visit.no_show', now, visit.bookingId, { number: visit.number, desk: deskNumber, reason: 'did_not_come', excused: false });
  return b.done({ desk, visit });
}

export type TransferTarget = { service: string } | { desk: number };

/** Sends the current visitor on: to another service's queue, or to one desk, ahead of its queue. */
export function transfer(state: FloorState, deskNumber: number, target: TransferTarget, now: Millis): Decision<DeskResult> {
  const c = current(state, deskNumber);
  if (!c.ok) return c;
  if (c.visit.state !== 'serving' && c.visit.state !== 'called') return refuse('WRONG_STATE', { state: c.visit.state });
  let service = c.visit.service;
  let targetDesk: number | null = null;
  if ('service' in target) {
    if (!state.serviceDef(target.service)) return refuse('UNKNOWN_SERVICE', { service: target.service });
    if (target.service === c.visit.service) return refuse('SAME_TARGET');
    service = target.service;
  } else {
    if (!state.deskDef(target.desk)) return refuse('UNKNOWN_DESK', { desk: target.desk });
    if (target.desk === deskNumber) return refuse('SAME_TARGET');
    targetDesk = target.desk;
  }
  const visit: Visit = {
    ...c.visit,
    state: 'transferred',
    service,
    desk: null,
    targetDesk,
    // The transferred visitor has already waited once: next in the new queue.
    rank: rankBehindCursor(state.cursor(service)),
    recalls: 0,
    transfers: c.visit.transfers + 1,
    updatedAt: now,
  };
  const desk: DeskState = { ...c.desk, current: null, since: now };
  const b = new DecisionBuilder();
  b.patch.visits.push(visit);
  b.patch.desks.push(desk);
  b.event('visit.transferred', now, visit.bookingId, {
    number: visit.number,
    fromDesk: deskNumber,
    fromService: c.visit.service,
    service,
    desk: targetDesk,
  });
  return b.done({ desk, visit });
}

/** A pause says why (break, lunch, technical, other), for the admin's floor view and the reports. */
export function pauseDesk(state: FloorState, deskNumber: number, now: Millis, reason: PauseReason = 'other'): Decision<DeskResult> {
  const desk = state.desks.get(deskNumber);
  if (!desk || !state.deskDef(deskNumber)) return refuse('UNKNOWN_DESK', { desk: deskNumber });
  if (desk.status === 'paused') return refuse('DESK_PAUSED');
  if (desk.current !== null) return refuse('DESK_BUSY');
  const after: DeskState = { ...desk, status: 'paused', pauseReason: reason, since: now };
  const b = new DecisionBuilder();
  b.patch.desks.push(after);
  b.event('desk.paused', now, null, { desk: deskNumber, reason });
  return b.done({ desk: after, visit: null });
}

export function resumeDesk(state: FloorState, deskNumber: number, now: Millis): Decision<DeskResult> {
  const desk = state.desks.get(deskNumber);
  if (!desk || !state.deskDef(deskNumber)) return refuse('UNKNOWN_DESK', { desk: deskNumber });
  if (desk.status !== 'paused') return refuse('DESK_NOT_PAUSED');
  const after: DeskState = { ...desk, status: 'open', pauseReason: null, since: now };
  const b = new DecisionBuilder();
  b.patch.desks.push(after);
  b.event('desk.resumed', now, null, { desk: deskNumber });
  return b.done({ desk: after, visit: null });
}

/** The desk prints its current visitor's ticket again (a lost ticket); staff decide, so no limit applies. */
export function reprintAtDesk(state: FloorState, deskNumber: number, now: Millis): Decision<DeskResult> {
  const c = current(state, deskNumber);
  if (!c.ok) return c;
  const visit: Visit = { ...c.visit, reprints: c.visit.reprints + 1, updatedAt: now };
  const b = new DecisionBuilder();
  b.patch.visits.push(visit);
  b.event('visit.reprinted', now, visit.bookingId, { number: visit.number, desk: deskNumber, reprints: visit.reprints });
  return b.done({ desk: c.desk, visit });
}
