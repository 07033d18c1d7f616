/** Builds floors for core tests: a Kyiv centre on a fixed Tuesday, bookings at chosen times. */
import { callNext, checkIn, finish, FloorState, zonedInstant, type Booking, type FloorRules, type FloorPatch } from '../../main/core/index.js';
import type { Decision } from '../../main/core/decision.js';

export const DAY = '2026-03-10';
export const TZ = 'Europe/Kyiv';

export function at(time: string, date = DAY): number {
  return zonedInstant(date, time, TZ);
}

export function rules(over: Partial<FloorRules> = {}): FloorRules {
  return {
    centre: '8041',
    timezone: TZ,
    worksDuringAlert: false,
    services: [
      { code: 'DL_EXCHANGE', uk: 'Обмін посвідчення водія', en: "Driver's licence exchange" },
      { code: 'THEORY_EXAM', uk: 'Теоретичний іспит', en: 'Theory exam' },
    ],
    desks: [
      { number: 1, services: ['DL_EXCHANGE'] },
      { number: 2, services: ['DL_EXCHANGE', 'THEORY_EXAM'] },
      { number: 3, services: ['THEORY_EXAM'] },
    ],
    checkIn: { earliestMinutes: 60, latestMinutes: 15, reprints: 1 },
    recallsBeforeNoShow: 2,
    maxRecalls: 3,
    ...over,
  };
}

let seq = 0;
export function booking(number: number, time: string, over: Partial<Booking> = {}): Booking {
  seq++;
  return {
    id: `B${number}-${seq}`,
    code: `C${number}X${seq}`,
    centre: '8041',
    service: 'DL_EXCHANGE',
    date: DAY,
    time,
    number,
    priority: null,
    channel: 'online',
    status: 'active',
    version: 1,
    ...over,
  };
}

export function floor(bookings: Booking[], over: Partial<FloorRules> = {}): FloorState {
  return new FloorState({
    rules: rules(over),
    day: DAY,
    bookings,
    visits: [],
    desks: [],
    cursors: [],
    alerts: [],
    recentCalls: [],
    suspended: [],
  });
}

/** Applies a decision that must succeed, as the hub does after the commit, and returns its result. */
export function must<R>(state: FloorState, d: Decision<R>): R {
  if (!d.ok) throw new Error(`expected success, got ${d.error.code} ${JSON.stringify(d.error.params ?? {})}`);
  state.applyPatch(d.patch);
  return d.result;
}

export function refusal<R>(d: Decision<R>): string {
  if (d.ok) throw new Error('expected a refusal, got success');
  return d.error.code;
}

export function patchOf<R>(d: Decision<R>): FloorPatch {
  if (!d.ok) throw new Error(`expected success, got ${d.error.code}`);
  return d.patch;
}

/** A visitor checks in at `time` (it must succeed). */
export function arrive(state: FloorState, b: Booking, time: string): void {
  must(state, checkIn(state, b, at(time)));
}

/** A desk calls the next visitor at `time` and finishes at once; returns the number it called. */
export function serve(state: FloorState, desk: number, time: string): number {
  const r = must(state, callNext(state, desk, at(time)));
  must(state, finish(state, desk, at(time)));
  return r.call.number;
}
