import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDuration, simOptionsFrom } from '../../../main/commands/simulateDay.js';
import { parseServiceTimes, parseSimOptions, SimUsageError } from '../../../main/sim/options.js';
import { readClockMessage } from '../../../main/sim/virtualHub.js';

/** Only a usage error may come out of a parser given garbage; anything it accepts is valid. */
function onlyUsageErrors(fn: () => unknown): void {
  try {
    fn();
  } catch (err) {
    if (!(err instanceof SimUsageError) && !(err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) throw err;
  }
}

describe('the simulation options', () => {
  it('takes the defaults of a full day', () => {
    const o = parseSimOptions({});
    expect(o).toMatchObject({ bookings: 400, desks: 8, alerts: 20, powerCuts: 3, centralOutageMinutes: 240, shelterDesks: 0 });
  });

  it('reads the command line', () => {
    const { input } = simOptionsFrom(['--seed', '9', '--bookings', '60', '--central-outage', '4h', '--power-cuts', '1']);
    expect(input).toEqual({ seed: 9, bookings: 60, centralOutageMinutes: 240, powerCuts: 1 });
  });

  it('reads durations in minutes and hours', () => {
    expect(parseDuration('30')).toBe(30);
    expect(parseDuration('30m')).toBe(30);
    expect(parseDuration('4h')).toBe(240);
    expect(parseDuration('1h30m')).toBe(90);
    expect(() => parseDuration('soon')).toThrow(SimUsageError);
  });

  it('refuses more shelter desks than desks and a day that closes before it opens', () => {
    expect(() => parseSimOptions({ desks: 2, shelterDesks: 3 })).toThrow(/shelterDesks/);
    expect(() => parseSimOptions({ open: '12:00', close: '09:00' })).toThrow(/close/);
  });

  it('merges a service-time file over the defaults', () => {
    const times = parseServiceTimes('{"DL_EXCHANGE": {"median": 20, "spread": 0.5}}');
    expect(times.DL_EXCHANGE).toEqual({ median: 20, spread: 0.5 });
    expect(times.THEORY_EXAM).toBeDefined();
    expect(() => parseServiceTimes('{"DL_EXCHANGE": {"median": -1, "spread": 0}}')).toThrow(SimUsageError);
  });

  it('survives garbage options, files and command lines with a usage error at most', () => {
    fc.assert(fc.property(fc.anything(), (raw) => onlyUsageErrors(() => parseSimOptions(raw))), { numRuns: 300 });
    fc.assert(fc.property(fc.oneof(fc.string(), fc.json()), (text) => onlyUsageErrors(() => parseServiceTimes(text))), { numRuns: 300 });
    fc.assert(fc.property(fc.array(fc.oneof(fc.constantFrom('--seed', '--bookings', '--central-outage', '--alerts', '--desks'), fc.string())), (args) =>
      onlyUsageErrors(() => parseSimOptions(simOptionsFrom(args).input))), { numRuns: 300 });
  });

  it('lets only a well-formed clock message move the virtual hub', () => {
    expect(readClockMessage({ t: 1000 })).toEqual({ t: 1000 });
    fc.assert(fc.property(fc.anything(), (raw) => {
      const m = readClockMessage(raw);
      if (m !== null) expect(Number.isInteger(m.t) && m.t >= 0).toBe(true);
    }), { numRuns: 500 });
    expect(readClockMessage({ t: -1 })).toBeNull();
    expect(readClockMessage({ t: 1, extra: true })).toBeNull();
  });
});

describe('the shelter desks option', () => {
  it('sets shelter on the first desks when the config knows desks[].shelter, and is refused with a reason when it does not', async () => {
    const { shelterSupported, configFor } = await import('../../../main/sim/centreSetup.js');
    const { mkdtempSync, readFileSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'talon-sim-shelter-'));
    try {
      const o = parseSimOptions({ desks: 3, shelterDesks: 1 });
      if (shelterSupported()) {
        configFor(o, dir, 7399, 'http://127.0.0.1:9');
        const yaml = readFileSync(join(dir, 'talon.yaml'), 'utf8');
        expect(yaml.match(/shelter: true/g)).toHaveLength(1);
      } else {
        expect(() => configFor(o, dir, 7399, 'http://127.0.0.1:9')).toThrow(/desks\[\]\.shelter/);
        const { simulateDay } = await import('../../../main/sim/simulateDay.js');
        await expect(simulateDay(o, dir)).rejects.toThrow(/--shelter-desks/);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('makes `talon simulate-day` answer a bad option with usage and code 64', async () => {
    const { main } = await import('../../../main/cli.js');
    const errors: string[] = [];
    const original = console.error;
    console.error = (line: string) => errors.push(line);
    try {
      expect(await main(['simulate-day', '--bookings', 'many'])).toBe(64);
    } finally {
      console.error = original;
    }
    expect(errors.join('\n')).toContain('--bookings many: a whole number');
  });
});
