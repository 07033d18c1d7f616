/**
 * The IPC allow-list: every channel a page's preload may use, how it is used (`send` for a message,
 * `invoke` for a question with an answer) and the schema of its payload. The main side registers and
 * checks exactly these; preload.cjs, which can require nothing but `electron`, repeats the names,
 * and tests/unit/electron/preload.spec.ts runs it against these to keep both sides honest.
 */
import { z } from 'zod';

export const WINDOW_ROLES = ['kiosk', 'board', 'desk', 'admin'] as const;
export type WindowRole = (typeof WINDOW_ROLES)[number];

export const CHANNELS = {
  /** The preload asks for its window's role, token and version (answered only to our own pages). */
  windowConfig: 'talon:window-config',
  /** The page has rendered and reached the hub; the shell counts the window as healthy. */
  windowReady: 'talon:window-ready',
} as const;

export type Channel = (typeof CHANNELS)[keyof typeof CHANNELS];

export const CHANNEL_KINDS = {
  [CHANNELS.windowConfig]: 'invoke',
  [CHANNELS.windowReady]: 'send',
} as const satisfies Record<Channel, 'send' | 'invoke'>;

/** Each channel takes one argument, built by the preload; the page passes nothing. */
export const PAYLOADS = {
  [CHANNELS.windowConfig]: z.strictObject({}),
  [CHANNELS.windowReady]: z.strictObject({ role: z.enum(WINDOW_ROLES) }),
} satisfies Record<Channel, z.ZodType>;

export type Payload<C extends Channel> = z.infer<(typeof PAYLOADS)[C]>;

/** What a window's preload receives on `windowConfig`; never on a command line, a URL or in the environment. */
export const windowConfigSchema = z.strictObject({
  role: z.enum(WINDOW_ROLES),
  token: z.string().nullable(),
  version: z.string(),
});
export type WindowConfig = z.infer<typeof windowConfigSchema>;

/** What each channel's handler answers. */
export interface Answers {
  [CHANNELS.windowConfig]: WindowConfig;
  [CHANNELS.windowReady]: void;
}

export function isChannel(name: string): name is Channel {
  return Object.hasOwn(PAYLOADS, name);
}
