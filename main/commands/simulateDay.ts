/**
 * `talon simulate-day`: a seeded war-time working day run on a real hub process, the reference
 * central server and real socket.io clients under a virtual clock (docs/field-day.md). Prints one
 * line per assertion and ends non-zero when one fails.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { formatAssertion } from '../sim/assertions.js';
import { parseServiceTimes, parseSimOptions, SimUsageError, type SimOptionsInput } from '../sim/options.js';
import { simulateDay } from '../sim/simulateDay.js';

export const SIMULATE_USAGE = `  talon simulate-day [--seed N] [--bookings N] [--desks N] [--alerts N] [--power-cuts N]
                     [--central-outage MINUTES|4h] [--shelter-desks N] [--service-times FILE.json]
                     [--open HH:MM] [--close HH:MM] [--out DIR]
                                                        a seeded war-time day: report.html and day.json in DIR`;

/** "240", "240m", "4h", "1h30m" → minutes. */
export function parseDuration(text: string): number {
  const m = /^(?:(\d{1,3})h)?(?:(\d{1,4})m?)?$/.exec(text.trim());
  if (!m || (m[1] === undefined && m[2] === undefined)) throw new SimUsageError(`--central-outage ${text}: minutes, or a duration such as 4h or 1h30m`);
  return Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0);
}

function int(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d{1,10}$/.test(text)) throw new SimUsageError(`--${name} ${text}: a whole number`);
  return Number(text);
}

/** The command line as simulation options (validated by parseSimOptions). */
export function simOptionsFrom(args: string[]): { input: SimOptionsInput; out: string } {
  const { values } = parseArgs({
    args,
    options: {
      seed: { type: 'string' }, bookings: { type: 'string' }, desks: { type: 'string' }, alerts: { type: 'string' },
      'power-cuts': { type: 'string' }, 'central-outage': { type: 'string' }, 'shelter-desks': { type: 'string' },
      'service-times': { type: 'string' }, open: { type: 'string' }, close: { type: 'string' }, out: { type: 'string' },
    },
  });
  const input: SimOptionsInput = {
    seed: int('seed', values.seed),
    bookings: int('bookings', values.bookings),
    desks: int('desks', values.desks),
    alerts: int('alerts', values.alerts),
    powerCuts: int('power-cuts', values['power-cuts']),
    centralOutageMinutes: values['central-outage'] === undefined ? undefined : parseDuration(values['central-outage']),
    shelterDesks: int('shelter-desks', values['shelter-desks']),
    open: values.open,
    close: values.close,
    serviceTimes: values['service-times'] === undefined ? undefined : parseServiceTimes(readFileSync(resolve(values['service-times']), 'utf8')),
  };
  for (const k of Object.keys(input) as (keyof SimOptionsInput)[]) if (input[k] === undefined) delete input[k];
  return { input, out: resolve(values.out ?? join('.talon-data', 'simulate-day')) };
}

export async function simulateDayCommand(args: string[]): Promise<number> {
  const { input, out } = simOptionsFrom(args);
  const options = parseSimOptions(input);
  console.log(`simulate-day: seed ${options.seed}, ${options.bookings} bookings, ${options.desks} desks, ${options.alerts} alerts, ${options.powerCuts} power cuts, central away ${options.centralOutageMinutes} min`);
  const result = await simulateDay(options, out);
  for (const a of result.assertions) console.log(formatAssertion(a));
  console.log(JSON.stringify(result.totals));
  console.log(`report: ${result.files.html}\nday:    ${result.files.json}`);
  return result.ok ? 0 : 1;
}

export { SimUsageError };
