/**
 * The one queue-rank rule (DESIGN §4, docs/architecture.md "The floor's order"). The regular
 * visitors of a service are called in slot order: slot time, then number. A visit's `rank` is its
 * place in that order; a service's cursor is the position of the last regular visitor called in it.
 *
 * - On time: a visitor who checks in while the cursor is still before their slot ranks at their own
 *   position.
 * - Late, or transferred in: ranks right behind the cursor (cursor + 0.5), ahead of everyone whose
 *   slot is still to come, in the order they arrived; nobody is skipped forever.
 * - The cursor moves forward only: a call never moves it back, so after an alert the next call is
 *   the next one in the order, however long the alert lasted.
 *
 * Positions are integers (minute of the day × SLOT_SPAN + number), so "cursor + 0.5" lies strictly
 * between the cursor and the next position.
 */
import type { Visit } from './types.js';

/** Numbers of a day stay below this (regular from 1000; a centre hands out far fewer than 10^6). */
export const SLOT_SPAN = 1_000_000;

/** Minutes since midnight of an HH:MM time; anything unreadable sorts first rather than throwing. */
export function slotMinutes(time: string): number {
  const m = /^(\d{1,2}):(\d{2})/.exec(time);
  if (!m) return 0;
  return Math.min(Number(m[1]) * 60 + Number(m[2]), 24 * 60);
}

/** A booking's place in the floor's order: slot time, then number. */
export function slotPosition(slot: { time: string; number: number }): number {
  return slotMinutes(slot.time) * SLOT_SPAN + Math.max(0, Math.min(slot.number, SLOT_SPAN - 1));
}

/** The rank of a visitor who arrives now: their own place, or right behind the cursor when it has passed it. */
export function rankOnArrival(position: number, cursor: number): number {
  return position > cursor ? position : cursor + 0.5;
}

/** The rank of a visitor who already waited once (a transfer): next in the new queue. */
export function rankBehindCursor(cursor: number): number {
  return cursor + 0.5;
}

/** Whether calling a visitor at `position` moves the cursor (forward only). */
export function advancesCursor(position: number, cursor: number): boolean {
  return position > cursor;
}

/** Queue order of waiting regular visitors: rank, then arrival, then number. */
export function byQueueRank(a: Visit, b: Visit): number {
  return a.rank - b.rank || (a.checkedInAt ?? 0) - (b.checkedInAt ?? 0) || a.number - b.number;
}

/** Priority visitors are not in slot order: the earliest arrived goes to the first free desk (DESIGN §1). */
export function byArrival(a: Visit, b: Visit): number {
  return (a.checkedInAt ?? 0) - (b.checkedInAt ?? 0) || a.number - b.number;
}
