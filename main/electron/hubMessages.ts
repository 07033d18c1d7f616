/**
 * The messages between the main process and the hub's utility process (`process.parentPort`), as
 * schemas: each side parses what it receives. The config goes as structured-cloned data, so no
 * path, token or setting stands on the hub process's command line.
 */
import { z } from 'zod';
import type { TalonConfig } from '../config/schema.js';

/** The hub could not use its config or data directory (EX_CONFIG of sysexits.h): not retried. */
export const HUB_EXIT_CONFIG = 78;

export type ToHub = { type: 'start'; config: TalonConfig; demo: boolean } | { type: 'stop' };

export const toHubSchema = z.discriminatedUnion('type', [
  // The config was validated by the main process; here it only has to be an object.
  z.strictObject({ type: z.literal('start'), config: z.record(z.string(), z.unknown()), demo: z.boolean() }),
  z.strictObject({ type: z.literal('stop') }),
]);

export const fromHubSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('listening'), url: z.url({ protocol: /^https?$/ }) }),
  z.strictObject({ type: z.literal('log'), line: z.string().max(10_000) }),
  z.strictObject({ type: z.literal('failed'), message: z.string().max(10_000) }),
]);

export type FromHub = z.infer<typeof fromHubSchema>;
