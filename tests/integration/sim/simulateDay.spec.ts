/**
 * A short war-time day end to end: a real hub process under the virtual clock, the reference
 * central on loopback, real socket.io clients; two alerts, a power cut, half an hour without central.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSimOptions } from '../../../main/sim/options.js';
import { simulateDay } from '../../../main/sim/simulateDay.js';
import { VIRTUAL_HUB } from '../../../main/sim/hubProcess.js';
import { useTempDir } from '../../helpers/tmp.js';

const tempDir = useTempDir('talon-sim-');
const ROOT = join(import.meta.dirname, '..', '..', '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('simulate-day', () => {
  it('runs a short day with two alerts, a power cut and a central outage, and every assertion holds', async () => {
    const dir = tempDir();
    // Seed 3 makes queues on the calm day too, so the order check has pairs to compare (28).
    const options = parseSimOptions({ seed: 3, bookings: 60, desks: 3, alerts: 2, powerCuts: 1, centralOutageMinutes: 30, close: '12:00' });
    const result = await simulateDay(options, dir);
    for (const a of result.assertions) expect(a.ok, `${a.name}: ${a.detail}`).toBe(true);
    expect(result.assertions.map((a) => a.name)).toEqual([
      'every booking accounted for',
      'no one a no-show for time spent in an alert',
      'every acknowledged command present after every power cut',
      'no number called twice as a new call',
      'every floor event delivered to central exactly once by id',
      'calls in the same relative order as the same seed without faults',
      'the hall board showed every call',
    ]);

    const order = result.assertions.find((a) => a.name.startsWith('calls in the same relative order'))!;
    expect(Number(/^(\d+) pairs/.exec(order.detail)?.[1])).toBeGreaterThan(10);
    const { day, calm } = result;
    expect(day.alerts).toHaveLength(2);
    expect(calm.alerts).toHaveLength(0);
    expect(day.powerCuts).toHaveLength(1);
    expect(day.replays[0]!.checked).toBeGreaterThan(0);
    expect(day.outage).toEqual({ start: expect.any(Number), end: day.outage!.start + 30 });
    // The same people came on both days: the faults are the only difference.
    expect(day.outcomes.filter((o) => !o.walkIn).map((o) => o.id)).toEqual(calm.outcomes.filter((o) => !o.walkIn).map((o) => o.id));
    expect(result.totals.served).toBeGreaterThan(0);

    const json = JSON.parse(readFileSync(result.files.json, 'utf8')) as { seed: number; bookings: { id: string; fate: string }[]; totals: object };
    expect(json.seed).toBe(3);
    expect(json.bookings.every((b) => ['served', 'no_show', 'excused', 'cancelled', 'waiting_at_closing'].includes(b.fate))).toBe(true);
    const html = readFileSync(result.files.html, 'utf8');
    expect(html).toContain('<svg');
    expect(html).toContain('class="alert"');
    expect(html).not.toMatch(/<script|https?:\/\//);

  }, 120_000);

  it('keeps the virtual clock out of the hub that `talon serve` and the app start', () => {
    const plain = spawnSync(process.execPath, ['--import', 'tsx', VIRTUAL_HUB, 'x', '0', '0'], { cwd: ROOT, encoding: 'utf8' });
    expect(plain.status).toBe(64);
    expect(plain.stderr).toContain('only under `talon simulate-day`');
    const importers = sources(join(ROOT, 'main'))
      .filter((f) => !f.includes(`${join('main', 'sim')}`))
      .filter((f) => readFileSync(f, 'utf8').includes('virtualHub'));
    expect(importers.map((f) => relative(ROOT, f))).toEqual([]);
    const build = JSON.parse(readFileSync(join(ROOT, 'tsconfig.build.json'), 'utf8')) as { exclude: string[] };
    expect(build.exclude).toContain('main/sim/virtualHub.ts');
  });
});
