/**
 * A full war-time field day (docs/field-day.md): 400 bookings on 8 desks, 20 alerts, 3 power cuts
 * and central away for 4 hours, beside its calm twin. Prints every assertion and the totals; `ok` is
 * false when an assertion fails. SEED picks another day (`SEED=9 npm run soak -- fieldDay`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatAssertion } from '../../main/sim/assertions.js';
import { parseSimOptions } from '../../main/sim/options.js';
import { simulateDay } from '../../main/sim/simulateDay.js';

export async function run(): Promise<object> {
  const seed = Number(process.env.SEED ?? 2026);
  const options = parseSimOptions({ seed, bookings: 400, desks: 8, alerts: 20, powerCuts: 3, centralOutageMinutes: 240 });
  const dir = mkdtempSync(join(tmpdir(), 'talon-field-day-'));
  const keep = process.env.KEEP_FIELD_DAY === '1';
  try {
    const result = await simulateDay(options, dir);
    for (const a of result.assertions) console.log(formatAssertion(a));
    return {
      ok: result.ok,
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
