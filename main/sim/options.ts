/**
 * What a simulated day is made of, validated: the command line's options and the service-time file
 * both come through here, so a bad value is refused with a message before anything starts.
 */
import { z } from 'zod';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time is HH:MM');

/** Minutes an operator takes per visitor: log-normal around the median, `spread` its sigma. */
export const serviceTimeSchema = z.strictObject({
  median: z.number().min(1).max(120),
  spread: z.number().min(0).max(2),
});

export const serviceTimesSchema = z.record(z.string().regex(/^[A-Z][A-Z0-9_]*$/), serviceTimeSchema);
export type ServiceTimes = z.infer<typeof serviceTimesSchema>;

/** The centre's services in the simulation: code, slot length at central, and the default service time. */
export const SIM_SERVICES = [
  { code: 'DL_EXCHANGE', uk: 'Обмін посвідчення водія', en: "Driver's licence exchange", minutes: 15, median: 9, spread: 0.35 },
  { code: 'DL_PICKUP', uk: 'Видача посвідчення', en: 'Licence pickup', minutes: 10, median: 5, spread: 0.3 },
  { code: 'VEHICLE_REG', uk: 'Реєстрація транспорту', en: 'Vehicle registration', minutes: 20, median: 12, spread: 0.4 },
  { code: 'THEORY_EXAM', uk: 'Теоретичний іспит', en: 'Theory exam', minutes: 20, median: 13, spread: 0.25 },
] as const;

export const DEFAULT_SERVICE_TIMES: ServiceTimes = Object.fromEntries(SIM_SERVICES.map((s) => [s.code, { median: s.median, spread: s.spread }]));

export const simOptionsSchema = z
  .strictObject({
    seed: z.number().int().min(0).max(2 ** 32 - 1).default(1),
    bookings: z.number().int().min(1).max(2000).default(400),
    desks: z.number().int().min(1).max(30).default(8),
    alerts: z.number().int().min(0).max(60).default(20),
    powerCuts: z.number().int().min(0).max(20).default(3),
    /** Minutes central refuses the hub's HTTP, in one spell. */
    centralOutageMinutes: z.number().int().min(0).max(24 * 60).default(240),
    /** How many desks (the lowest numbers) stand in the shelter and keep calling during alerts. */
    shelterDesks: z.number().int().min(0).max(30).default(0),
    /** A Monday, so central's default hours (09:00–18:00, lunch 13:00–13:45) apply. */
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).default('2026-03-02'),
    open: hhmm.default('09:00'),
    close: hhmm.default('18:00'),
    /** Share of the day's bookings that come as walk-ins booking at the kiosk on top. */
    walkInShare: z.number().min(0).max(1).default(0.08),
    serviceTimes: serviceTimesSchema.default(DEFAULT_SERVICE_TIMES),
  })
  .superRefine((o, ctx) => {
    if (o.open >= o.close) ctx.addIssue({ code: 'custom', path: ['close'], message: 'the day closes after it opens' });
    if (o.shelterDesks > o.desks) ctx.addIssue({ code: 'custom', path: ['shelterDesks'], message: 'more shelter desks than desks' });
    for (const s of SIM_SERVICES) {
      if (!o.serviceTimes[s.code]) ctx.addIssue({ code: 'custom', path: ['serviceTimes', s.code], message: `no service time for ${s.code}` });
    }
  });

export type SimOptions = z.output<typeof simOptionsSchema>;
export type SimOptionsInput = z.input<typeof simOptionsSchema>;

export class SimUsageError extends Error {
  override name = 'SimUsageError';
}

/** Parses options or throws a SimUsageError that names every bad field. */
export function parseSimOptions(input: unknown): SimOptions {
  const r = simOptionsSchema.safeParse(input);
  if (!r.success) throw new SimUsageError(r.error.issues.map((i) => `${i.path.join('.') || 'options'}: ${i.message}`).join('; '));
  return r.data;
}

/** A service-time file's text (JSON), merged over the defaults. */
export function parseServiceTimes(text: string): ServiceTimes {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new SimUsageError('the service-time file is not JSON');
  }
  const r = serviceTimesSchema.safeParse(raw);
  if (!r.success) throw new SimUsageError(`service times: ${r.error.issues.map((i) => `${i.path.join('.') || 'file'}: ${i.message}`).join('; ')}`);
  return { ...DEFAULT_SERVICE_TIMES, ...r.data };
}
