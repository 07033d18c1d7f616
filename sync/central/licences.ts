/**
 * Driver's licence applications (DESIGN §1): sent → received → in_work → produced | refused (with a
 * reason); delivered by post or picked up at a chosen centre. Review takes up to 10 days from
 * receipt; the clock is extended for alerts and outages.
 */
import type { LICENCE_STATUSES } from '../protocol/hub.js';
import type { WireLicence } from '../protocol/central.js';
import type { Central } from './central.js';
import { refuse } from './refusals.js';

export type LicenceStatus = (typeof LICENCE_STATUSES)[number];
export const REVIEW_DAYS = 10;
const DAY = 86_400_000;

const NEXT: Record<LicenceStatus, readonly LicenceStatus[]> = {
  sent: ['received'],
  received: ['in_work'],
  in_work: ['produced', 'refused'],
  produced: [],
  refused: [],
};

export interface LicenceSeed {
  number: string;
  person: string;
  status: LicenceStatus;
  reason?: { uk: string; en: string };
  delivery: 'post' | 'pickup';
  pickupCentre: string | null;
  /** Days before now it was sent. */
  sentDaysAgo: number;
}

interface LicenceRow {
  number: string; person: string; status: LicenceStatus; reason_uk: string | null; reason_en: string | null;
  delivery: 'post' | 'pickup'; pickup_centre: string | null; due_at: number | null; updated_at: number; picked_up_at: number | null;
}

function wire(r: LicenceRow): WireLicence {
  return {
    applicationNumber: r.number,
    status: r.status,
    reason: r.reason_uk ? { uk: r.reason_uk, en: r.reason_en ?? r.reason_uk } : null,
    delivery: r.delivery,
    pickupCentre: r.pickup_centre,
    dueAt: r.due_at,
    updatedAt: r.updated_at,
  };
}

export function seedLicences(central: Central, seeds: readonly LicenceSeed[]): void {
  const now = central.now();
  const insert = central.sql(`INSERT OR IGNORE INTO licences (number, person, status, reason_uk, reason_en, delivery, pickup_centre,
    submitted_at, received_at, due_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  central.db.transaction(() => {
    for (const s of seeds) {
      const sent = now - s.sentDaysAgo * DAY;
      const received = s.status === 'sent' ? null : sent + DAY;
      insert.run(s.number, s.person, s.status, s.reason?.uk ?? null, s.reason?.en ?? null, s.delivery, s.pickupCentre, sent, received,
        received === null ? null : received + REVIEW_DAYS * DAY, now);
    }
  })();
}

export function licence(central: Central, number: string): WireLicence {
  const row = central.sql('SELECT * FROM licences WHERE number = ?').get(number) as LicenceRow | undefined;
  return row ? wire(row) : refuse('NO_SUCH_APPLICATION');
}

/** Applications whose applicant chose this centre for pickup, not yet picked up. */
export function licencesForCentre(central: Central, centre: string): WireLicence[] {
  central.centre(centre);
  return (central.sql('SELECT * FROM licences WHERE pickup_centre = ? AND picked_up_at IS NULL ORDER BY number').all(centre) as LicenceRow[]).map(wire);
}

export function setLicenceStatus(central: Central, number: string, to: LicenceStatus, reason?: { uk: string; en: string }): WireLicence {
  const now = central.now();
  return central.db.transaction(() => {
    const current = licence(central, number);
    if (!NEXT[current.status].includes(to)) refuse('BAD_STATUS_CHANGE', { from: current.status, to });
    if (to === 'refused' && !reason) refuse('REASON_REQUIRED');
    central.sql(`UPDATE licences SET status = ?, reason_uk = ?, reason_en = ?, updated_at = ?,
      received_at = CASE WHEN ? = 'received' THEN ? ELSE received_at END,
      due_at = CASE WHEN ? = 'received' THEN ? ELSE due_at END WHERE number = ?`)
      .run(to, reason?.uk ?? null, reason?.en ?? null, now, to, now, to, now + REVIEW_DAYS * DAY, number);
    return licence(central, number);
  })();
}

/** Moves the review deadline of every open application later, e.g. after a day of alerts or an outage. */
export function extendReview(central: Central, days: number): number {
  return central.db
    .prepare("UPDATE licences SET due_at = due_at + ?, updated_at = ? WHERE status IN ('received', 'in_work') AND due_at IS NOT NULL")
    .run(days * DAY, central.now()).changes;
}

export function markPickedUp(central: Central, number: string, at: number): boolean {
  return central.sql("UPDATE licences SET picked_up_at = coalesce(picked_up_at, ?) WHERE number = ? AND status = 'produced'").run(at, number).changes > 0;
}
