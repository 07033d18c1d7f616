import { describe, expect, it } from 'vitest';
import { parseSimOptions } from '../../../main/sim/options.js';
import { drawPlan, minutesOf, withoutFaults } from '../../../main/sim/plan.js';
import { seatsOfDay, TIMEZONE } from '../../../main/sim/centreSetup.js';
import { zonedInstant } from '../../../main/core/clock.js';

const options = parseSimOptions({ seed: 42, bookings: 300, desks: 8, alerts: 20, powerCuts: 3, centralOutageMinutes: 240 });
const seats = seatsOfDay(options, zonedInstant(options.date, '07:00', TIMEZONE));

describe('the day plan', () => {
  it('is the same day for the same seed', () => {
    expect(drawPlan(options, seats)).toEqual(drawPlan(options, seats));
  });

  it('is another day for another seed', () => {
    expect(drawPlan({ ...options, seed: 43 }, seats).people).not.toEqual(drawPlan(options, seats).people);
  });

  it('draws the faults apart from the people, so the calm twin has the very same people', () => {
    const stormy = drawPlan(options, seats);
    const fewerAlerts = drawPlan({ ...options, alerts: 2, powerCuts: 0 }, seats);
    expect(fewerAlerts.people).toEqual(stormy.people);
    expect(withoutFaults(stormy).people).toEqual(stormy.people);
    expect(withoutFaults(stormy).faults).toEqual({ alerts: [], powerCuts: [], outage: null });
  });

  it('books the seats central opened, in slot order, inside opening hours', () => {
    const plan = drawPlan(options, seats);
    expect(plan.people).toHaveLength(300);
    const times = plan.people.map((p) => p.time);
    expect([...times].sort()).toEqual(times);
    for (const p of plan.people) expect(minutesOf(p.time)).toBeGreaterThanOrEqual(plan.open);
    for (const p of plan.people) expect(minutesOf(p.time)).toBeLessThan(plan.close);
  });

  it('keeps alert spells and power cuts apart from each other, inside the day', () => {
    const { alerts, powerCuts, outage } = drawPlan(options, seats).faults;
    expect(alerts).toHaveLength(20);
    expect(powerCuts).toHaveLength(3);
    expect(outage?.minutes).toBe(240);
    for (const list of [alerts, powerCuts]) {
      for (let i = 1; i < list.length; i++) expect(list[i]!.start).toBeGreaterThanOrEqual(list[i - 1]!.start + list[i - 1]!.minutes);
    }
  });

  it('gives at most one priority visitor per service and cancels only 2 hours or more before the slot', () => {
    const plan = drawPlan(options, seats);
    const priority = plan.people.filter((p) => p.priority).map((p) => p.service);
    expect(new Set(priority).size).toBe(priority.length);
    for (const p of plan.people) if (p.cancelAt !== null) expect(p.cancelAt).toBeLessThanOrEqual(minutesOf(p.time) - 120);
    for (const p of plan.people) if (p.cancelAt !== null) expect(p.arrival.kind).toBe('never');
  });
});
