/**
 * A booking as the central API sends it (DESIGN §6) and as `talon import-bookings` reads it.
 * Both sides of the wire import this one schema.
 */
import { z } from 'zod';

export const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
export const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export const bookingSchema = z.strictObject({
  id: z.string().min(1).max(64),
  code: z
    .string()
    .min(4)
    .max(32)
    .regex(/^[A-Za-z0-9-]+$/, 'a booking code has only Latin letters, digits and dashes'),
  centre: z.string().min(1).max(16),
  service: z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'a service code is upper-case Latin, digits and _'),
  date: z.string().regex(DATE, 'a date is YYYY-MM-DD'),
  time: z.string().regex(TIME, 'a time is HH:MM'),
  number: z.number().int().min(1).max(99999),
  priority: z.enum(['disability', 'fallen_family', 'military']).nullable(),
  channel: z.enum(['online', 'app', 'terminal']),
  status: z.enum(['active', 'cancelled']),
  version: z.number().int().min(0),
});

export type WireBooking = z.infer<typeof bookingSchema>;

/** The file `talon import-bookings` reads: a bare array, or a pull page `{ bookings: [...] }`. */
export const bookingImportSchema = z.union([
  z.array(bookingSchema),
  z.object({ bookings: z.array(bookingSchema) }).transform((page) => page.bookings),
]);
