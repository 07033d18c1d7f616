/**
 * One simulated working day, minute by minute of virtual time. Each tick: move the hub's clock (it
 * sweeps no-shows), apply the faults due (central refuses, the hub is killed or started again, the
 * admin switches the alert), let the people who arrived use the kiosk, then let each desk act. Every
 * step waits for its ack before the next, so the same plan gives the same day; the hub's own timers
 * (sync rounds, stats) run in real time and change nothing the rules decide.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { MINUTE, zonedInstant } from '../core/clock.js';
import { cancelBooking } from '../../sync/central/citizenBooking.js';
import { startCentral, type RunningCentral } from '../../sync/central/server.js';
import type { CallView } from '../../sync/protocol/hub.js';
import { readDay, type BookingOutcome, type CallRecord } from './dayRecord.js';
import { SimFloorClients, type AckBody, type SimClient } from './clients.js';
import { bookingCode, bookingId, CENTRE, centreDef, configFor, freePort, seedBookings, TIMEZONE, TOKENS } from './centreSetup.js';
import { SimHub } from './hubProcess.js';
import { quiet } from './quiet.js';
import type { SimOptions } from './options.js';
import { EARLIEST_MINUTES, LATEST_MINUTES, minutesOf, type DayPlan, type DeskPlan, type Person, type WalkIn } from './plan.js';

export type { BookingOutcome, CallRecord, Fate } from './dayRecord.js';

export interface ReplayCheck {
  /** The minute the hub came back. */
  at: number;
  checked: number;
  missing: { commandId: string; client: string; event: string; answer: string }[];
}

export interface DayResult {
  faulted: boolean;
  dayStart: number;
  open: number;
  close: number;
  outcomes: BookingOutcome[];
  turnedAway: { walkIn: number; at: number; reason: string }[];
  calls: CallRecord[];
  /** Alerts as the hub recorded them, in minutes. */
  alerts: { start: number; end: number }[];
  powerCuts: { start: number; back: number }[];
  outage: { start: number; end: number } | null;
  timeline: { t: number; waiting: number; inLine: number; atDesks: number }[];
  replays: ReplayCheck[];
  outbox: { hubEvents: number; centralEvents: number; pending: number; missingAtCentral: string[]; unknownAtCentral: string[] };
  board: { calls: CallView[] };
  realMs: number;
}

export type VisitorState = 'away' | 'in_line' | 'waiting' | 'left' | 'at_desk' | 'done' | 'gone';

export interface Visitor {
  person: Person | null;
  walkIn: WalkIn | null;
  bookingId: string | null;
  number: number | null;
  service: string;
  state: VisitorState;
  arrivedAt: number | null;
  checkedInAt: number | null;
  firstCalledAt: number | null;
  desk: number | null;
  transferred: boolean;
  refusals: string[];
}

interface DeskRun {
  plan: DeskPlan;
  current: { v: Visitor; phase: 'called' | 'serving'; remaining: number; recalls: number } | null;
  pausedUntil: number | null;
  nextPause: number;
}

interface SentCommand {
  client: string;
  event: string;
  payload: { commandId: string };
}

const SWEEP_EVERY_MINUTES = 5;

async function waitFor(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`simulate-day: gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export async function runDay(o: SimOptions, plan: DayPlan, dir: string, faulted: boolean): Promise<DayResult> {
  const began = Date.now();
  mkdirSync(dir, { recursive: true });
  const dayStart = zonedInstant(o.date, '00:00', TIMEZONE);
  const ms = (m: number) => dayStart + m * MINUTE;
  const first = plan.open - 60;
  let t = first;
  const central: RunningCentral = await startCentral({
    file: join(dir, 'central.db'),
    now: () => ms(t),
    log: quiet,
    setup: (c) => c.addCentre(centreDef(o)),
  });
  const bookings = seedBookings(central.central, o, plan);
  const port = await freePort();
  const configPath = configFor(o, dir, port, central.url);
  const hub = new SimHub(configPath, port);
  await hub.start(ms(t));
  const clients = new SimFloorClients(hub.url, TOKENS, plan.desks.map((d) => d.number));
  try {
    await clients.ready();
    const visitors: Visitor[] = [
      ...plan.people.map((p, i): Visitor => ({
        person: p, walkIn: null, bookingId: bookingId(p.index), number: bookings[i]!.number, service: p.service, state: 'away',
        arrivedAt: null, checkedInAt: null, firstCalledAt: null, desk: null, transferred: false, refusals: [],
      })),
      ...plan.walkIns.map((w): Visitor => ({
        person: null, walkIn: w, bookingId: null, number: null, service: w.service, state: 'away',
        arrivedAt: null, checkedInAt: null, firstCalledAt: null, desk: null, transferred: false, refusals: [],
      })),
    ];
    const byNumber = new Map<number, Visitor>();
    for (const v of visitors) if (v.number !== null) byNumber.set(v.number, v);
    const arrivals = new Map<number, Visitor[]>();
    for (const v of visitors) {
      const at = v.walkIn ? v.walkIn.at : v.person!.arrival.kind === 'never' ? null : (v.person!.arrival as { at: number }).at;
      if (at === null) continue;
      const list = arrivals.get(at) ?? [];
      list.push(v);
      arrivals.set(at, list);
    }
    const cancels = new Map<number, Person[]>();
    for (const p of plan.people) if (p.cancelAt !== null) cancels.set(p.cancelAt, [...(cancels.get(p.cancelAt) ?? []), p]);

    // The hub must hold the day's bookings and the kiosk's pool before the doors open.
    await waitFor('the first sync with central', async () => {
      const report = await clients.admin.ask('report', {});
      const services = await clients.kiosk.ask('services', {});
      const free = (services.services as { freeSlots: number | null }[]).some((s) => (s.freeSlots ?? 0) > 0);
      return (report.report as { booked: number }).booked >= bookings.length && (free || plan.walkIns.length === 0);
    });

    const desks: DeskRun[] = plan.desks.map((d) => ({ plan: d, current: null, pausedUntil: null, nextPause: 0 }));
    const faults = faulted ? plan.faults : { alerts: [], powerCuts: [], outage: null };
    const line: Visitor[] = [];
    const calls: CallRecord[] = [];
    const acked: SentCommand[] = [];
    const replays: ReplayCheck[] = [];
    const timeline: DayResult['timeline'] = [];
    const powerCuts: DayResult['powerCuts'] = [];
    const turnedAway: DayResult['turnedAway'] = [];
    let hubAlert = false;
    /** The alerts as switched, to know when the last check-in window closes (checkIn.ts widens it the same way). */
    const switched: { start: number; end: number }[] = [];
    const deadline = (time: string): number => {
      const slot = minutesOf(time);
      let close = slot + LATEST_MINUTES;
      for (let i = 0; i < 8; i++) {
        let covered = 0;
        for (const a of switched) covered += Math.max(0, Math.min(a.end, close, t) - Math.max(a.start, slot - EARLIEST_MINUTES));
        if (slot + LATEST_MINUTES + covered === close) break;
        close = slot + LATEST_MINUTES + covered;
      }
      return close;
    };
    let restartAt: number | null = null;
    let seq = 0;
    const clientOf = (key: string): SimClient =>
      key === 'kiosk' ? clients.kiosk : key === 'admin' ? clients.admin : clients.desks.get(Number(key.slice(5)))!;

    /**
     * The hub's clock is moved lazily: before the first thing asked in a minute, and every few
     * minutes for the no-show sweep. A quiet minute costs no round trip; the hub still acts at the
     * very instant the simulator means, as every ask waits for the clock first.
     */
    let hubClock = -1;
    async function clock(): Promise<void> {
      if (!hub.up || hubClock === t) return;
      await hub.tick(ms(t));
      hubClock = t;
    }

    async function ask(client: string, event: string, payload: object): Promise<AckBody> {
      await clock();
      return clientOf(client).ask(event, payload);
    }

    async function send(client: string, event: string, extra: Record<string, unknown> = {}): Promise<AckBody> {
      const payload = { commandId: `sim-${faulted ? 'f' : 'c'}-${String(++seq).padStart(6, '0')}`, ...extra };
      const answer = await ask(client, event, payload);
      if (answer.ok) acked.push({ client, event, payload });
      return answer;
    }

    /** After a power cut: every command the hub acknowledged before must still be known to it. */
    async function replayAcked(): Promise<void> {
      const check: ReplayCheck = { at: t, checked: 0, missing: [] };
      // Replays act on nothing, so they may all be in flight at once.
      for (let i = 0; i < acked.length; i += 200) {
        await Promise.all(acked.slice(i, i + 200).map(async (c) => {
          const answer = await ask(c.client, c.event, c.payload);
          check.checked++;
          if (!answer.ok || answer.replayed !== true) {
            check.missing.push({ commandId: c.payload.commandId, client: c.client, event: c.event, answer: JSON.stringify(answer).slice(0, 200) });
          }
        }));
      }
      check.missing.sort((a, b) => a.commandId.localeCompare(b.commandId));
      replays.push(check);
    }

    function recordCall(call: CallView, bookingOf: Visitor, deskNumber: number): void {
      calls.push({ number: call.number, bookingId: bookingOf.bookingId!, desk: deskNumber, service: call.service, priority: call.priority, at: t, recall: call.recall });
    }

    async function kiosk(): Promise<void> {
      while (line.length && hub.up) {
        const v = line[0]!;
        if (v.walkIn) {
          const services = await ask('kiosk', 'services', {});
          const offer = (services.services as { code: string; nextTimes: string[] }[] | undefined)?.find((s) => s.code === v.service);
          const time = offer?.nextTimes[0];
          if (!time) {
            turnedAway.push({ walkIn: v.walkIn.index, at: t, reason: 'NO_FREE_SLOT' });
            v.state = 'gone';
            line.shift();
            continue;
          }
          const answer = await send('kiosk', 'book', { service: v.service, time, person: { kind: 'phone', value: v.walkIn.phone } });
          if (answer.ok) {
            const ticket = answer.ticket as { bookingId: string; number: number };
            v.bookingId = ticket.bookingId;
            v.number = ticket.number;
            byNumber.set(ticket.number, v);
            v.state = 'waiting';
            v.checkedInAt = t;
            line.shift();
            continue;
          }
          if (answer.error?.code === 'ALERT_ACTIVE') return;
          turnedAway.push({ walkIn: v.walkIn.index, at: t, reason: answer.error?.code ?? 'UNKNOWN' });
          v.state = 'gone';
          line.shift();
          continue;
        }
        const answer = await send('kiosk', 'checkIn', { code: bookingCode(v.person!.index) });
        if (answer.ok) {
          v.state = v.person!.leaves ? 'left' : 'waiting';
          v.checkedInAt = t;
          line.shift();
          continue;
        }
        const code = answer.error?.code ?? 'UNKNOWN';
        v.refusals.push(code);
        // In the shelter: they try again after the all-clear.
        if (code === 'ALERT_ACTIVE') return;
        v.state = 'gone';
        line.shift();
      }
    }

    async function desk(d: DeskRun): Promise<void> {
      const key = `desk:${d.plan.number}`;
      const frozen = hubAlert && !d.plan.shelter;
      const c = d.current;
      if (c) {
        if (c.phase === 'serving') {
          if (frozen || c.remaining > 0) return;
          const transferTo = c.v.person?.transferTo;
          if (transferTo && !c.v.transferred) {
            const answer = await send(key, 'transfer', { service: transferTo });
            if (!answer.ok) throw new Error(`desk ${d.plan.number}: transfer refused: ${JSON.stringify(answer.error)}`);
            c.v.transferred = true;
            c.v.service = transferTo;
            c.v.state = 'waiting';
          } else {
            const answer = await send(key, 'finish');
            if (!answer.ok) throw new Error(`desk ${d.plan.number}: finish refused: ${JSON.stringify(answer.error)}`);
            c.v.state = 'done';
          }
          d.current = null;
          return;
        }
        if (frozen) return;
        if (c.v.state === 'left') {
          if (c.recalls < 2) {
            const answer = await send(key, 'recall');
            if (answer.ok) {
              c.recalls++;
              recordCall(answer.call as CallView, c.v, d.plan.number);
            }
            return;
          }
          const answer = await send(key, 'noShow');
          if (!answer.ok) throw new Error(`desk ${d.plan.number}: noShow refused: ${JSON.stringify(answer.error)}`);
          c.v.state = 'gone';
          d.current = null;
          return;
        }
        const answer = await send(key, 'start');
        if (!answer.ok) throw new Error(`desk ${d.plan.number}: start refused: ${JSON.stringify(answer.error)}`);
        c.phase = 'serving';
        c.remaining = c.v.walkIn?.serviceMinutes ?? c.v.person!.serviceMinutes;
        return;
      }
      if (d.pausedUntil !== null) {
        if (t < d.pausedUntil) return;
        const answer = await send(key, 'resume');
        if (answer.ok || answer.error?.code === 'DESK_NOT_PAUSED') d.pausedUntil = null;
        return;
      }
      if (frozen) return;
      const pause = d.plan.pauses[d.nextPause];
      if (pause && t >= pause.start && t < plan.close) {
        const answer = await send(key, 'pause');
        d.nextPause++;
        if (answer.ok) d.pausedUntil = t + pause.minutes;
        return;
      }
      if (t >= plan.close) return;
      // Nobody waits for this desk's services: the hub would answer QUEUE_EMPTY, so the desk does not ask.
      if (!visitors.some((v) => (v.state === 'waiting' || v.state === 'left') && d.plan.services.includes(v.service))) return;
      const answer = await send(key, 'callNext');
      if (!answer.ok) return;
      const call = answer.call as CallView;
      const v = byNumber.get(call.number);
      if (!v) throw new Error(`desk ${d.plan.number} called ${call.number}, whom nobody holds`);
      recordCall(call, v, d.plan.number);
      v.firstCalledAt ??= t;
      v.desk = d.plan.number;
      if (v.state === 'waiting') v.state = 'at_desk';
      d.current = { v, phase: 'called', remaining: 0, recalls: 0 };
    }

    const last = plan.end + 600;
    for (t = first; t <= last; t++) {
      // The sweep runs with each clock move; a quiet stretch still gets one every few minutes.
      if (t % SWEEP_EVERY_MINUTES === 0) await clock();
      if (faults.outage) central.fault = t >= faults.outage.start && t < faults.outage.start + faults.outage.minutes ? 'unavailable' : null;
      if (restartAt !== null && t >= restartAt) {
        await hub.start(ms(t));
        hubClock = t;
        await clients.ready();
        powerCuts[powerCuts.length - 1]!.back = t;
        restartAt = null;
        await replayAcked();
      }
      const cut = faults.powerCuts.find((p) => p.start === t);
      if (cut && hub.up) {
        await hub.kill();
        hubClock = -1;
        restartAt = t + cut.minutes;
        powerCuts.push({ start: t, back: restartAt });
      }
      for (const p of cancels.get(t) ?? []) {
        const b = central.central.booking(bookingId(p.index));
        if (b && b.status === 'active') cancelBooking(central.central, b);
      }
      const alertWanted = faults.alerts.some((a) => t >= a.start && t < a.start + a.minutes);
      if (hub.up && alertWanted !== hubAlert) {
        const answer = await send('admin', 'alert', { active: alertWanted });
        if (answer.ok || answer.error?.code === 'ALERT_UNCHANGED') {
          hubAlert = alertWanted;
          if (alertWanted) switched.push({ start: t, end: Infinity });
          else switched[switched.length - 1]!.end = t;
        }
      }
      for (const v of arrivals.get(t) ?? []) {
        v.state = 'in_line';
        v.arrivedAt = t;
        line.push(v);
      }
      await kiosk();
      for (const d of desks) {
        if (d.current?.phase === 'serving' && !(hubAlert && !d.plan.shelter)) d.current.remaining--;
        if (hub.up) await desk(d);
      }
      timeline.push({
        t,
        waiting: visitors.filter((v) => v.state === 'waiting' || v.state === 'left').length,
        inLine: line.length,
        atDesks: desks.filter((d) => d.current).length,
      });
      if (t > plan.end && line.length === 0 && desks.every((d) => !d.current && d.pausedUntil === null) && restartAt === null) {
        // The day ends once every window has closed, alert time added, so the sweep has ruled on everyone.
        const open = visitors.some((v) => v.person && v.state === 'away' && v.person.cancelAt === null && deadline(v.person.time) >= t);
        if (!open) break;
      }
    }
    // The last sweep, at the closing instant: every window has closed by now.
    await clock();
    central.fault = null;
    // Everything the hub wrote while central was away must reach it once the link is back.
    await waitFor('the outbox to drain to central', async () => {
      const health = (await (await fetch(`${hub.url}/health?details`, { headers: { authorization: `Bearer ${TOKENS.admin}` } })).json()) as { outboxPending: number };
      return health.outboxPending === 0;
    });
    await waitFor('the board to show every call', () => clients.board.socket.connected && clients.boardCalls.length >= calls.length, 15_000).catch(() => undefined);
    const centralIds = new Set(central.central.db.prepare('SELECT id FROM events WHERE centre = ?').pluck().all(CENTRE) as string[]);
    clients.close();
    await hub.stop();

    const record = readDay(join(dir, 'talon.db'), o.date, dayStart, ms(t), visitors, powerCuts);
    const written = new Set(record.eventIds);
    return {
      faulted,
      dayStart,
      open: plan.open,
      close: plan.close,
      outcomes: record.outcomes,
      turnedAway,
      calls: record.calls,
      alerts: record.alerts,
      powerCuts,
      outage: faults.outage ? { start: faults.outage.start, end: faults.outage.start + faults.outage.minutes } : null,
      timeline,
      replays,
      outbox: {
        hubEvents: record.eventIds.length,
        centralEvents: centralIds.size,
        pending: record.pending,
        missingAtCentral: record.eventIds.filter((id) => !centralIds.has(id)),
        unknownAtCentral: [...centralIds].filter((id) => !written.has(id)),
      },
      board: { calls: clients.boardCalls },
      realMs: Date.now() - began,
    };
  } finally {
    clients.close();
    await hub.stop();
    await central.close();
  }
}
