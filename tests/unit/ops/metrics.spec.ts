/** The metrics registry alone, over a real floor state: what garbage does to it, and alert minutes. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TalonMetrics } from '../../../main/ops/metrics.js';
import { NAMESPACES } from '../../../sync/protocol/hub.js';
import type { FloorState } from '../../../main/core/floorState.js';
import { at, floor, TZ } from '../../helpers/floor.js';

function metricsOver(state: FloorState, now: number): TalonMetrics {
  return new TalonMetrics({
    centre: '8041', timezone: TZ, version: '9.9.9', now: () => now, floor: () => state, desks: [1, 2],
    devices: () => [], printer: () => null, link: () => null,
  });
}

function seriesOf(text: string, name: string): string[] {
  return text.split('\n').filter((l) => l.startsWith(`${name}{`) || l.startsWith(`${name} `));
}

describe('the metrics registry', () => {
  it('keeps the series bounded whatever names and codes a client sends', async () => {
    const m = metricsOver(floor([]), at('10:00'));
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), fc.string({ maxLength: 60 }), fc.boolean(), fc.option(fc.string({ maxLength: 60 })), fc.double({ min: 0, max: 1e6, noNaN: true }), (ns, event, ok, code, ms) => {
        m.answered({ ns, event, ok, ...(code !== null && { code }), ms });
      }),
      { numRuns: 300 },
    );
    const text = await m.text();
    // Made-up names fall into one "other" series; a made-up code into OTHER (or a plain upper-case word).
    expect(seriesOf(text, 'talon_commands_total').length).toBeLessThanOrEqual(2 * (NAMESPACES.length + 1));
    for (const line of seriesOf(text, 'talon_refusals_total')) expect(line).toMatch(/code="[A-Z_]{1,40}"/);
    expect(text).toContain('talon_info{version="9.9.9",centre="8041"} 1');
  });

  it('counts the minutes of alert since local midnight, the current one included', async () => {
    const state = floor([]);
    const withAlerts = Object.assign(Object.create(Object.getPrototypeOf(state) as object) as FloorState, state, {
      alerts: [
        { start: at('08:00'), end: at('08:30'), source: 'manual' },
        { start: at('09:50'), end: null, source: 'central' },
      ],
    });
    const text = await metricsOver(withAlerts, at('10:00')).text();
    expect(text).toMatch(/^talon_alert_minutes_today\{centre="8041"\} 40$/m);
  });
});
