/**
 * What the hub can be given besides the floor: the ticket printer (hardware/printer), the same-day
 * pool and licences (sync/client), the link to central, and any other device bridge (desk bus,
 * scanner, alert sources). Each is optional; without it the hub answers its events NOT_AVAILABLE.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import type { TalonConfig } from '../config/schema.js';
import type { Log } from '../core/log.js';
import type { Millis } from '../core/types.js';
import type {
  Ack, CLIENT_EVENTS, LinkView, Namespace, PrinterView, PrintView, ServerEvents, ServiceOffer, TicketView,
} from '../../sync/protocol/hub.js';
import type { Actor, Answer, HandlerRegistry } from './answer.js';
import type { AlertSources } from './alertSources.js';
import type { DeviceRegistry } from './devices.js';
import type { AlsoWrite, FloorService } from './floorService.js';
import type { Ticket } from '../core/checkIn.js';

type Payload<N extends Namespace, E extends keyof (typeof CLIENT_EVENTS)[N]> = z.output<(typeof CLIENT_EVENTS)[N][E] & z.ZodType>;

/** What the hub hands to an extension when it starts. */
export interface HubPorts {
  floor: FloorService;
  config: TalonConfig;
  now: () => Millis;
  devices: DeviceRegistry;
  /** The hub's logger; an extension logs through a `child({ component })` of it. */
  log: Log;
  /** Sends to every socket of one actor (e.g. the kiosk that checked in). */
  emitToActor<E extends keyof ServerEvents>(actorId: string, event: E, payload: ServerEvents[E]): void;
  emitToRole<E extends keyof ServerEvents>(role: Namespace, event: E, payload: ServerEvents[E]): void;
  /**
   * Runs a client event as `actor` through the same validation, rules and commandId idempotency as a
   * socket: a desk keypad's `callNext` is the desk console's `callNext`.
   */
  dispatch(actor: Actor, event: string, payload: unknown): Promise<Ack>;
  /** Where automatic alert sources report what they see (main/hub/alertSources.ts). */
  alerts: AlertSources;
  /** Registers a client event's handler (main/hub/extensionHost.ts); a clash is refused at start-up. */
  handle: HandlerRegistry['handle'];
}

export interface HubExtension {
  readonly name: string;
  attach?(ports: HubPorts): void | Promise<void>;
  close?(): void | Promise<void>;
  /** An HTTP route of its own (a source's webhook): true when it took the request and answers it. */
  route?(req: IncomingMessage, res: ServerResponse, path: string): boolean;
}

export interface TicketPrinter extends HubExtension {
  /**
   * Queues a ticket after its check-in committed and says how far it got at once; later progress goes
   * to the actor as `print` events. A ticket counts as printed only when the status after it is clean.
   */
  print(ticket: TicketView, forActor: string): PrintView;
  /**
   * Writes the ticket's print job in the transaction of the change that makes it (the device outbox;
   * FloorService.run's `also`); `print` after the commit then sends that job. Optional: a printer
   * without it keeps its job when `print` is called.
   */
  keep?(ticket: TicketView, code: string, forActor: string, now: Millis): void;
  /** The last known state of a ticket's printing, for a retried check-in; null when unknown. */
  progress(bookingId: string): PrintView | null;
  status(): PrinterView;
}

export interface SameDayDesk extends HubExtension {
  /** Free same-day slots per service, from the pool central delegated. */
  offers(now: Millis): Map<string, Pick<ServiceOffer, 'freeSlots' | 'nextTimes'>>;
  /** `also` writes the ticket's print job in the booking's transaction (TicketPrinter.keep). */
  book(p: Payload<'kiosk', 'book'>, actor: Actor, also?: AlsoWrite<Ticket>): Answer;
  licence(p: Payload<'kiosk', 'licence'>, actor: Actor): Answer;
  licencePickup(p: Payload<'kiosk', 'licencePickup'>, actor: Actor, also?: AlsoWrite<Ticket>): Answer;
}

export interface CentralLink extends HubExtension {
  view(): LinkView;
}

export interface HubExtensions {
  printer?: TicketPrinter;
  sameDay?: SameDayDesk;
  link?: CentralLink;
  others?: HubExtension[];
}
