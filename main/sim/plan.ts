/**
 * The day's script, drawn from the seed before anything runs: who booked which seat, when each of
 * them comes (early, late, never), how long their service takes, the walk-ins, the operators'
 * pauses, and the faults. Pure: the same seed and seats give the same plan. People and faults are
 * drawn from separate streams, so the day without faults has exactly the same people.
 * Times are minutes since the centre's local midnight.
 */
import { prng } from '../core/prng.js';
import { SIM_SERVICES, type SimOptions } from './options.js';

export interface Seat {
  service: string;
  /** HH:MM */
  time: string;
}

export type Arrival =
  | { kind: 'early' | 'on_time' | 'late'; at: number }
  /** Comes after the check-in window has closed. */
  | { kind: 'too_late'; at: number }
  | { kind: 'never' };

export interface Person {
  /** Index in the plan; the booking id is made by the runner. */
  index: number;
  service: string;
  time: string;
  priority: boolean;
  arrival: Arrival;
  /** Checks in, then leaves before the call: recalled, then marked a no-show by the desk. */
  leaves: boolean;
  serviceMinutes: number;
  /** Sent on to another service after this one (then served there too). */
  transferTo: string | null;
  /** Cancels centrally at this minute (2 h or more before the slot), then never comes. */
  cancelAt: number | null;
}

export interface WalkIn {
  index: number;
  service: string;
  at: number;
  serviceMinutes: number;
  phone: string;
}

export interface Spell {
  start: number;
  minutes: number;
}

export interface Faults {
  alerts: Spell[];
  /** The hub is killed at `start` and started again `minutes` later. */
  powerCuts: Spell[];
  outage: Spell | null;
}

export interface DeskPlan {
  number: number;
  services: string[];
  shelter: boolean;
  pauses: Spell[];
}

export interface DayPlan {
  open: number;
  close: number;
  /** The clock runs until every check-in window has closed. */
  end: number;
  people: Person[];
  walkIns: WalkIn[];
  desks: DeskPlan[];
  faults: Faults;
}

export const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
export const hhmmOf = (m: number): string => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/** Desk n serves two neighbouring services, so every service has several desks and queues share desks. */
export function deskServices(desk: number, desks: number): string[] {
  const codes = SIM_SERVICES.map((s) => s.code);
  if (desks === 1) return codes;
  const a = codes[(desk - 1) % codes.length]!;
  const b = codes[desk % codes.length]!;
  return [a, b];
}

function normal(random: () => number): number {
  const u = Math.max(random(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

function between(random: () => number, lo: number, hi: number): number {
  return lo + Math.floor(random() * (hi - lo + 1));
}

export function serviceMinutes(random: () => number, median: number, spread: number): number {
  return Math.max(1, Math.min(120, Math.round(median * Math.exp(spread * normal(random)))));
}

/** Disjoint spells inside [from, to): each start drawn, lengths from lo to hi minutes. */
function spells(random: () => number, count: number, from: number, to: number, lo: number, hi: number, gap: number): Spell[] {
  const out: Spell[] = [];
  for (let tries = 0; out.length < count && tries < count * 200; tries++) {
    const minutes = between(random, lo, hi);
    const start = between(random, from, Math.max(from, to - minutes));
    if (out.some((s) => start < s.start + s.minutes + gap && s.start < start + minutes + gap)) continue;
    out.push({ start, minutes });
  }
  return out.sort((a, b) => a.start - b.start);
}

export const LATEST_MINUTES = 15;
export const EARLIEST_MINUTES = 60;

export function drawPlan(o: SimOptions, seats: Seat[]): DayPlan {
  const open = minutesOf(o.open);
  const close = minutesOf(o.close);
  const people = prng(o.seed);
  const faults = prng((o.seed ^ 0x9e3779b9) >>> 0);
  const times = (service: string) => o.serviceTimes[service]!;

  // Seats taken in a seeded order, so bookings spread over the day as online booking fills it.
  const pool = seats.filter((s) => minutesOf(s.time) >= open && minutesOf(s.time) < close);
  for (let i = pool.length - 1; i > 0; i--) {
    const j = Math.floor(people() * (i + 1));
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  const taken = pool.slice(0, o.bookings).sort((a, b) => a.time.localeCompare(b.time) || a.service.localeCompare(b.service));
  const prioritised = new Set<string>();
  const served = new Set(Array.from({ length: o.desks }, (_, i) => deskServices(i + 1, o.desks)).flat());
  const persons: Person[] = taken.map((seat, index) => {
    const slot = minutesOf(seat.time);
    // One priority visitor per service and day at most (DESIGN §1), about one in thirty.
    const priority = !prioritised.has(seat.service) && people() < 1 / 30;
    if (priority) prioritised.add(seat.service);
    const u = people();
    const arrival: Arrival =
      u < 0.07 ? { kind: 'never' }
        : u < 0.11 ? { kind: 'too_late', at: slot + between(people, LATEST_MINUTES + 2, 50) }
          : u < 0.22 ? { kind: 'late', at: slot + between(people, 1, LATEST_MINUTES - 1) }
            : u < 0.4 ? { kind: 'on_time', at: slot }
              : { kind: 'early', at: slot - between(people, 1, EARLIEST_MINUTES - 10) };
    const leaves = people() < 0.02;
    const others = [...served].filter((c) => c !== seat.service);
    const transferTo = people() < 0.03 && others.length ? others[Math.floor(people() * others.length)]! : null;
    const cancelRoll = people();
    const cancelAt = cancelRoll < 0.03 ? Math.max(open - 60, slot - 120 - between(people, 0, 120)) : null;
    const t = times(seat.service);
    return {
      index, service: seat.service, time: seat.time, priority,
      arrival: cancelAt === null ? arrival : { kind: 'never' },
      leaves, serviceMinutes: serviceMinutes(people, t.median, t.spread), transferTo, cancelAt,
    };
  });

  const walkIns: WalkIn[] = Array.from({ length: Math.round(o.bookings * o.walkInShare) }, (_, index) => {
    const codes = [...served];
    const service = codes[Math.floor(people() * codes.length)]!;
    const t = times(service);
    return {
      index, service, at: between(people, open, Math.max(open, close - 60)),
      serviceMinutes: serviceMinutes(people, t.median, t.spread),
      phone: `+380${String(between(people, 500000000, 999999999))}`,
    };
  }).sort((a, b) => a.at - b.at || a.index - b.index);

  const desks: DeskPlan[] = Array.from({ length: o.desks }, (_, i) => ({
    number: i + 1,
    services: deskServices(i + 1, o.desks),
    shelter: i < o.shelterDesks,
    // One or two short breaks per operator.
    pauses: spells(people, 1 + Math.floor(people() * 2), open + 60, close - 30, 5, 15, 30),
  }));

  const alerts = spells(faults, o.alerts, open, close - 10, 5, 30, 5);
  const powerCuts = spells(faults, o.powerCuts, open + 15, close - 30, 2, 12, 20);
  const outage = o.centralOutageMinutes > 0
    ? (() => {
      const minutes = Math.min(o.centralOutageMinutes, close - open);
      return { start: between(faults, open, Math.max(open, close - minutes)), minutes };
    })()
    : null;
  const lastSlot = Math.max(close, ...persons.map((p) => minutesOf(p.time)));
  return {
    open, close,
    end: lastSlot + LATEST_MINUTES + 1,
    people: persons, walkIns, desks,
    faults: { alerts, powerCuts, outage },
  };
}

/** The same plan with the faults taken out: the calm day the faulted one is compared with. */
export function withoutFaults(plan: DayPlan): DayPlan {
  return { ...plan, faults: { alerts: [], powerCuts: [], outage: null } };
}
