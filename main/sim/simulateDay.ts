/**
 * A seeded war-time day and its calm twin (the same seed without faults), run side by side, then
 * checked and written out: `day.json` (every booking's fate and times, the totals, the assertions)
 * and `report.html`.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MINUTE } from '../core/clock.js';
import { checkDay, type Assertion } from './assertions.js';
import { seatsOfDay, shelterSupported, TIMEZONE } from './centreSetup.js';
import { SimUsageError, type SimOptions } from './options.js';
import { drawPlan, withoutFaults } from './plan.js';
import { reportHtml } from './report.js';
import { runDay, type DayResult } from './runDay.js';
import { zonedInstant } from '../core/clock.js';

export const SHELTER_REFUSAL = '--shelter-desks: this build\'s config has no desks[].shelter yet, so no desk can stand in the shelter';

export interface SimulationResult {
  ok: boolean;
  seed: number;
  assertions: Assertion[];
  totals: Record<string, number | string>;
  day: DayResult;
  calm: DayResult;
  files: { json: string; html: string };
}

export function totalsOf(day: DayResult): Record<string, number | string> {
  const count = (f: string) => day.outcomes.filter((o) => o.fate === f).length;
  const waits = day.outcomes.flatMap((o) => (o.waitMinutes === null ? [] : [o.waitMinutes]));
  const net = day.outcomes.flatMap((o) => (o.waitNetOfAlertsMinutes === null ? [] : [o.waitNetOfAlertsMinutes]));
  const sorted = [...waits].sort((a, b) => a - b);
  const alertMinutes = day.alerts.reduce((s, a) => s + (a.end - a.start), 0);
  return {
    bookings: day.outcomes.length,
    served: count('served'),
    no_show: count('no_show'),
    excused: count('excused'),
    cancelled: count('cancelled'),
    waiting_at_closing: count('waiting_at_closing'),
    walk_ins_booked: day.outcomes.filter((o) => o.walkIn).length,
    walk_ins_turned_away: day.turnedAway.length,
    locked_out_by_power_cut: day.outcomes.filter((o) => o.lockedOutByPowerCut).length,
    alerts: day.alerts.length,
    alert_minutes: Math.round(alertMinutes),
    power_cuts: day.powerCuts.length,
    central_outage_minutes: day.outage ? day.outage.end - day.outage.start : 0,
    calls: day.calls.filter((c) => !c.recall).length,
    recalls: day.calls.filter((c) => c.recall).length,
    mean_wait_minutes: waits.length ? Math.round((waits.reduce((s, x) => s + x, 0) / waits.length) * 10) / 10 : 0,
    p90_wait_minutes: sorted.length ? sorted[Math.floor(sorted.length * 0.9)]! : 0,
    mean_wait_net_of_alerts_minutes: net.length ? Math.round((net.reduce((s, x) => s + x, 0) / net.length) * 10) / 10 : 0,
    events_to_central: day.outbox.hubEvents,
    real_seconds: Math.round(day.realMs / 100) / 10,
  };
}

export async function simulateDay(o: SimOptions, dir: string): Promise<SimulationResult> {
  if (o.shelterDesks > 0 && !shelterSupported()) throw new SimUsageError(SHELTER_REFUSAL);
  mkdirSync(dir, { recursive: true });
  // A day starts from empty files: a previous run's hub and central databases would be another day.
  for (const sub of ['faulted', 'calm']) rmSync(join(dir, sub), { recursive: true, force: true });
  const seats = seatsOfDay(o, zonedInstant(o.date, o.open, TIMEZONE) - 120 * MINUTE);
  const plan = drawPlan(o, seats);
  if (plan.people.length < o.bookings) {
    throw new Error(`the day has ${seats.length} seats for ${o.desks} desks; ${o.bookings} bookings do not fit (fewer bookings or more desks)`);
  }
  // Independent processes and files: the calm day runs beside the faulted one.
  const named = (run: Promise<DayResult>, which: string) =>
    run.catch((err: unknown) => {
      throw new Error(`simulate-day seed ${o.seed}, the ${which} day: ${(err as Error).message}`, { cause: err });
    });
  const [day, calm] = await Promise.all([
    named(runDay(o, plan, join(dir, 'faulted'), true), 'faulted'),
    named(runDay(o, withoutFaults(plan), join(dir, 'calm'), false), 'calm'),
  ]);
  const expected = plan.people.length + day.outcomes.filter((x) => x.walkIn).length;
  const assertions = checkDay(day, calm, o.seed, expected);
  const totals = totalsOf(day);
  const json = join(dir, 'day.json');
  const html = join(dir, 'report.html');
  const { serviceTimes, ...shown } = o;
  writeFileSync(json, JSON.stringify({ seed: o.seed, options: o, faults: plan.faults, totals, calmTotals: totalsOf(calm), assertions, bookings: day.outcomes, calls: day.calls, alerts: day.alerts, powerCuts: day.powerCuts, outage: day.outage, turnedAway: day.turnedAway }, null, 1));
  writeFileSync(html, reportHtml({ seed: o.seed, options: { ...shown, serviceTimes }, day, calm, assertions, totals }));
  return { ok: assertions.every((a) => a.ok), seed: o.seed, assertions, totals, day, calm, files: { json, html } };
}
