/**
 * A full war-time field day (docs/field-day.md): 400 bookings on 8 desks, 20 alerts, 3 power cuts
 * and central away for 4 hours, beside its calm twin. Prints every assertion and the totals; `ok` is
 * false when an assertion fails, or when a short day run twice with the same seed differs.
 * SEED picks another day (`SEED=9 npm run soak -- fieldDay`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatAssertion } from '../../main/sim/assertions.js';
import { parseSimOptions } from '../../main/sim/options.js';
import { simulateDay } from '../../main/sim/simulateDay.js';
import { runDay } from '../../main/sim/runDay.js';
import { drawPlan } from '../../main/sim/plan.js';
import { seatsOfDay, TIMEZONE } from '../../main/sim/centreSetup.js';
import { zonedInstant } from '../../main/core/clock.js';

/** Same seed, same day: a short faulted day run twice on fresh files gives the same calls and fates. */
async function shortDayTwice(dir: string): Promise<boolean> {
  const short = parseSimOptions({ seed: 3, bookings: 60, desks: 3, alerts: 2, powerCuts: 1, centralOutageMinutes: 30, close: '12:00' });
  const plan = drawPlan(short, seatsOfDay(short, zonedInstant(short.date, '07:00', TIMEZONE)));
  const [a, b] = await Promise.all([runDay(short, plan, join(dir, 'a'), true), runDay(short, plan, join(dir, 'b'), true)]);
  const same = JSON.stringify(a.calls) === JSON.stringify(b.calls) && JSON.stringify(a.outcomes) === JSON.stringify(b.outcomes);
  console.log(`${same ? 'ok  ' : 'FAIL'} same seed, same day: ${a.calls.length} calls and ${a.outcomes.length} fates${same ? ' alike' : ' differ'} in two runs of seed 3`);
  return same;
}

export async function run(): Promise<object> {
  const seed = Number(process.env.SEED ?? 2026);
  const options = parseSimOptions({ seed, bookings: 400, desks: 8, alerts: 20, powerCuts: 3, centralOutageMinutes: 240 });
  const dir = mkdtempSync(join(tmpdir(), 'talon-field-day-'));
  const keep = process.env.KEEP_FIELD_DAY === '1';
  try {
    const result = await simulateDay(options, join(dir, 'full'));
    const sameSeedSameDay = await shortDayTwice(join(dir, 'twice'));
    for (const a of result.assertions) console.log(formatAssertion(a));
    return {
      ok: result.ok && sameSeedSameDay,
      sameSeedSameDay,
      seed,
      totals: result.totals,
      calmDay: { served: result.calm.outcomes.filter((o) => o.fate === 'served').length, waiting_at_closing: result.calm.outcomes.filter((o) => o.fate === 'waiting_at_closing').length, real_seconds: Math.round(result.calm.realMs / 100) / 10 },
      failed: result.assertions.filter((a) => !a.ok).map((a) => `${a.name}: ${a.detail}`),
      ...(keep && { report: result.files.html }),
    };
  } finally {
    if (!keep) rmSync(dir, { recursive: true, force: true });
  }
}
