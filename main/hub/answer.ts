/**
 * Who asks the hub and what a handler answers: the types every feature's handlers share, kept apart
 * from the command table so features (main/hub/extensions.ts) and the table import them, not each other;
 * and `parseTotal`, the one schema check every input of the hub goes through (gateway, /pair, live tickets).
 */
import type { Place } from '../core/shelter.js';
import type { z } from 'zod';
import type { CLIENT_EVENTS, Namespace } from '../../sync/protocol/hub.js';
import type { Outcome } from './floorService.js';
import type { HubCode } from './hubErrors.js';

/** Who is asking: fixed at the handshake. */
export interface Actor {
  role: Namespace;
  /** `desk:3`, `kiosk:1`, `admin:1`, `board` */
  id: string;
  desk?: number;
  /** A board or kiosk in the shelter (hub.shelterBoardTokens, hub.shelterKioskTokens); else the hall. */
  place?: Place;
  /** A device paired by code (main/hub/pairedDevices.ts): revoking it drops its sockets. */
  deviceId?: string;
}

type FloorRefusal = Extract<Outcome<unknown>, { ok: false }>['error'];

/** Either a floor outcome mapped to an ack body, or a read-only answer, or a hub refusal. */
export type Answer =
  | { ok: true; body: Record<string, unknown>; replayed?: boolean }
  | { ok: false; error: FloorRefusal }
  | { ok: false; hubError: { code: HubCode; params?: Record<string, string> } };

/** `feature` is one the catalogue names (error.NOT_AVAILABLE): sameDay, licences, printer, central. */
export function notAvailable(feature: string): Answer {
  return { ok: false, hubError: { code: 'NOT_AVAILABLE', params: { feature } } };
}

type Payload<N extends Namespace, E extends keyof (typeof CLIENT_EVENTS)[N]> = z.output<(typeof CLIENT_EVENTS)[N][E] & z.ZodType>;

/** A handler gets its payload already validated against sync/protocol/hub.ts. */
export type Handler<N extends Namespace, E extends keyof (typeof CLIENT_EVENTS)[N]> = (payload: Payload<N, E>, actor: Actor) => Answer;

/** Where features register the client events they answer (main/hub/extensionHost.ts). */
export interface HandlerRegistry {
  handle<N extends Namespace, E extends keyof (typeof CLIENT_EVENTS)[N] & string>(ns: N, event: E, fn: Handler<N, E>): void;
}

/** A schema check that cannot throw: zod itself throws on an object whose `toString` is not callable. */
export function parseTotal<T>(schema: z.ZodType<T>, input: unknown): { ok: true; data: T } | { ok: false; detail: string } {
  try {
    const r = schema.safeParse(input);
    if (r.success) return { ok: true, data: r.data };
    return { ok: false, detail: r.error.issues.map((i) => `${i.path.length ? i.path.map(String).join('.') : 'payload'}: ${i.message}`).join('; ') };
  } catch {
    return { ok: false, detail: 'payload: not plain JSON values' };
  }
}
