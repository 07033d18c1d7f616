/**
 * The floor's vocabulary. Plain data only: no I/O, no clock, no library types,
 * so the same values travel through the store, the hub and the wire schemas.
 */

export type Millis = number;

export type Channel = 'online' | 'app' | 'terminal';
export type BookingStatus = 'active' | 'cancelled';
/** Categories that get the separate priority sequence (DESIGN §1). */
export type PriorityCategory = 'disability' | 'fallen_family' | 'military';

/** A booking as central knows it; date and time are the centre's local ones. */
export interface Booking {
  id: string;
  code: string;
  centre: string;
  service: string;
  /** YYYY-MM-DD in the centre's timezone. */
  date: string;
  /** HH:MM in the centre's timezone. */
  time: string;
  number: number;
  priority: PriorityCategory | null;
  channel: Channel;
  status: BookingStatus;
  version: number;
}

/**
 * The on-site life of a booking. A booking with no visit yet is "expected".
 * `transferred` waits like `checked_in`; `paused` holds a called or served visit during an alert.
 */
export type VisitState =
  | 'checked_in'
  | 'transferred'
  | 'called'
  | 'serving'
  | 'paused'
  | 'done'
  | 'no_show';

export const WAITING_STATES: readonly VisitState[] = ['checked_in', 'transferred'];

export interface Visit {
  bookingId: string;
  day: string;
  number: number;
  priority: boolean;
  service: string;
  state: VisitState;
  /** Desk that called or serves the visit. */
  desk: number | null;
  /** A transfer to one desk: only that desk calls it, ahead of its queue. */
  targetDesk: number | null;
  /**
   * Place in its service queue, in the floor's order of slot time, then number (queueOrder.ts). A
   * visitor who checks in after the cursor has passed their slot queues right behind the cursor
   * (cursor + 0.5), so late arrivals are served next instead of waiting for an empty queue.
   */
  rank: number;
  checkedInAt: Millis | null;
  calledAt: Millis | null;
  startedAt: Millis | null;
  finishedAt: Millis | null;
  recalls: number;
  reprints: number;
  /** The state a visit returns to when the alert that paused it ends. */
  pausedFrom: 'called' | 'serving' | null;
  /** Set for no-shows: why, and whether an alert excuses it (central does not count those). */
  noShowReason: 'not_checked_in' | 'did_not_come' | null;
  excused: boolean;
  transfers: number;
  updatedAt: Millis;
}

export type DeskStatus = 'open' | 'paused';

/** Why a desk is paused; the admin page and the reports show it. */
export const PAUSE_REASONS = ['break', 'lunch', 'technical', 'other'] as const;
export type PauseReason = (typeof PAUSE_REASONS)[number];

export interface DeskState {
  number: number;
  status: DeskStatus;
  /** Booking id of the visit called to or served at this desk. */
  current: string | null;
  /** Why it is paused (null while open; absent on rows written before reasons were kept). */
  pauseReason?: PauseReason | null;
  /** When the desk entered its present state (paused, free again, calling); null when unknown. */
  since?: Millis | null;
}

export interface ServiceDef {
  code: string;
  uk: string;
  en: string;
}

export interface DeskDef {
  number: number;
  services: string[];
  /** Stands in the shelter: keeps calling during an alert (shelter.ts). */
  shelter?: boolean;
}

export interface CheckInWindow {
  /** Minutes before the slot when check-in opens. */
  earliestMinutes: number;
  /** Minutes after the slot when check-in closes, before widening by alert time. */
  latestMinutes: number;
  /** Reprints of a ticket allowed after check-in. */
  reprints: number;
}

/** Everything about the centre that the rules need; comes from the config file. */
export interface FloorRules {
  centre: string;
  timezone: string;
  worksDuringAlert: boolean;
  /** A kiosk stands in the shelter, so check-in goes on there during an alert (shelter.ts). */
  shelterKiosk?: boolean;
  services: ServiceDef[];
  desks: DeskDef[];
  checkIn: CheckInWindow;
  /** Recalls a desk must make before it may mark a called visitor as a no-show. */
  recallsBeforeNoShow: number;
  /** Recalls allowed in all; one more is refused. */
  maxRecalls: number;
}

export interface AlertInterval {
  start: Millis;
  /** null while the alert is active. */
  end: Millis | null;
  source: string;
}

export interface AlertState {
  active: boolean;
  since: Millis | null;
  source: string | null;
}

/** A call as the board shows it. */
export interface CallRecord {
  number: number;
  priority: boolean;
  desk: number;
  service: string;
  at: Millis;
  recall: boolean;
  bookingId: string;
}
