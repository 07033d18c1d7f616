/**
 * The IPC allow-list: every channel a page may use, with the schema of its payload. The preload
 * learns channel names from its window argument (bridge.ts) and the main side registers and checks
 * exactly these, so this is the one place a channel is named.
 */
import { z } from 'zod';

export const WINDOW_ROLES = ['kiosk', 'board', 'desk', 'admin'] as const;
export type WindowRole = (typeof WINDOW_ROLES)[number];

export const CHANNELS = {
  /** The page has rendered and reached the hub; the shell counts the window as healthy. */
  windowReady: 'talon:window-ready',
} as const;

export type Channel = (typeof CHANNELS)[keyof typeof CHANNELS];

/** Each channel takes one argument; the preload fills it in, the page passes nothing. */
export const PAYLOADS = {
  [CHANNELS.windowReady]: z.strictObject({ role: z.enum(WINDOW_ROLES) }),
} satisfies Record<Channel, z.ZodType>;

export type Payload<C extends Channel> = z.infer<(typeof PAYLOADS)[C]>;

export function isChannel(name: string): name is Channel {
  return Object.hasOwn(PAYLOADS, name);
}
