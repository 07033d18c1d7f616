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
  /** The centre that handles it; the pickup centre when absent. */
  centre?: string;
  /** The applicant's phone; its last four digits are the kiosk's second factor. */
  phone: string;
  /** Days before now it was sent. */
  sentDaysAgo: number;
}

interface LicenceRow {
  number: string; person: string; status: LicenceStatus; reason_uk: string | null; reason_en: string | null;
  delivery: 'post' | 'pickup'; pickup_centre: string | null; due_at: number | null; updated_at: number; picked_up_at: number | null;
  phone_last4: string | null;
}

/** The last four digits of a phone, the second factor; null when it has fewer. */
export function lastFour(phone: string): string | null {
  const digits = phone.replace(/\D/g, '');
  return digits.length >= 4 ? digits.slice(-4) : null;
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
    phoneLast4: r.phone_last4,
    pickedUpAt: r.picked_up_at,
  };
}

export function seedLicences(central: Central, seeds: readonly LicenceSeed[]): void {
  const now = central.now();
  const insert = central.sql(`INSERT OR IGNORE INTO licences (number, person, status, reason_uk, reason_en, delivery, pickup_centre,
    submitted_at, received_at, due_at, updated_at, phone_last4, centre) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  central.db.transaction(() => {
    for (const s of seeds) {
      const sent = now - s.sentDaysAgo * DAY;
      const received = s.status === 'sent' ? null : sent + DAY;
      insert.run(s.number, s.person, s.status, s.reason?.uk ?? null, s.reason?.en ?? null, s.delivery, s.pickupCentre, sent, received,
        received === null ? null : received + REVIEW_DAYS * DAY, now, lastFour(s.phone), s.centre ?? s.pickupCentre);
    }
  })();
}

export function licence(central: Central, number: string): WireLicence {
  const row = central.sql('SELECT * FROM licences WHERE number = ?').get(number) as LicenceRow | undefined;
  return row ? wire(row) : refuse('NO_SUCH_APPLICATION');
}

/**
 * A citizen's view of an application: the refusal reason only with the right second factor (the last
 * four digits of the applicant's phone), and never the factor itself.
 */
export function citizenLicence(central: Central, number: string, phoneLast4: string | null): WireLicence {
  const l = licence(central, number);
  const proven = phoneLast4 !== null && l.phoneLast4 !== null && phoneLast4 === l.phoneLast4;
  return { ...l, reason: proven ? l.reason : null, phoneLast4: null };
}

/**
 * The applications a centre's kiosk answers for: to be picked up there, or handled by it (delivered by
 * post, or picked up at another centre). One picked up in the last day stays, so the kiosk can say its
 * ticket was taken; older picked-up ones leave the list.
 */
export function licencesForCentre(central: Central, centre: string): WireLicence[] {
  central.centre(centre);
  const since = central.now() - DAY;
  return (central.sql(`SELECT * FROM licences WHERE (pickup_centre = ? OR centre = ?) AND (picked_up_at IS NULL OR picked_up_at >= ?)
    ORDER BY number`).all(centre, centre, since) as LicenceRow[]).map(wire);
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
