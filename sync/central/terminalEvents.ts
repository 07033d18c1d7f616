/**
 * Events from a centre's terminal (DESIGN §6): each is deduplicated by its id in the same
 * transaction as its effect, so a repeat never acts twice and a crash never records an event
 * without its effect. Check-ins and no-shows count toward the citizen rules (the no-show block).
 */
import { FLOOR_EVENT_TYPES } from '../../main/core/decision.js';
import { personSchema } from '../protocol/hub.js';
import { wireEventSchema, type PushAnswer, type RejectCode, type WireEvent } from '../protocol/central.js';
import { isBlocked, NO_SHOWS_TO_BLOCK } from './citizenBooking.js';
import { personKey, type Central } from './central.js';
import { markPickedUp } from './licences.js';

const KNOWN = new Set<string>(FLOOR_EVENT_TYPES);

export function applyEvents(central: Central, centre: string, terminal: string, raw: unknown[]): Omit<PushAnswer, 'serverTime'> {
  central.centre(centre);
  const answer: Omit<PushAnswer, 'serverTime'> = { accepted: [], duplicate: [], rejected: [] };
  const { db } = central;
  const existing = central.sql('SELECT outcome, code, centre FROM events WHERE id = ?');
  const record = central.sql(`INSERT INTO events (id, centre, terminal, seq, type, at, booking, data, received_at, outcome, code)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const retried = central.sql('UPDATE events SET outcome = ?, code = ?, received_at = ? WHERE id = ?');
  db.transaction(() => {
    for (const item of raw) {
      const parsed = wireEventSchema.safeParse(item);
      if (!parsed.success) {
        const id = typeof (item as { id?: unknown })?.id === 'string' ? String((item as { id: string }).id).slice(0, 64) : '';
        answer.rejected.push({ id, code: 'BAD_EVENT' });
        continue;
      }
      const e = parsed.data;
      const seen = existing.get(e.id) as { outcome: string; code: string | null } | undefined;
      if (seen && seen.outcome !== 'rejected') {
        answer.duplicate.push(e.id);
        continue;
      }
      if (seen) {
        // A refused event had no effect, so a resend (`talon events rejected --retry`, after the cause
        // was fixed) is judged again: accepted now, or refused with today's code.
        const again = effect(central, centre, e);
        retried.run(again ? 'rejected' : 'accepted', again, central.now(), e.id);
        if (again) answer.rejected.push({ id: e.id, code: again });
        else answer.accepted.push(e.id);
        continue;
      }
      const code = effect(central, centre, e);
      record.run(e.id, centre, terminal, e.seq, e.type, e.at, e.booking, JSON.stringify(e.data), central.now(), code ? 'rejected' : 'accepted', code);
      if (code) answer.rejected.push({ id: e.id, code });
      else answer.accepted.push(e.id);
    }
  }).immediate();
  return answer;
}

/** What an event does; a code when central refuses it for good. */
function effect(central: Central, centre: string, e: WireEvent): RejectCode | null {
  if (!KNOWN.has(e.type)) return 'UNKNOWN_TYPE';
  if (e.type === 'booking.created') return created(central, centre, e);
  if (e.type === 'person.unblocked') {
    const person = personSchema.safeParse(e.data.person);
    if (!person.success) return 'UNKNOWN_PERSON';
    central.sql('UPDATE blocks SET unblocked_at = ?, unblocked_by = ? WHERE person = ? AND unblocked_at IS NULL').run(e.at, centre, personKey(person.data));
    return null;
  }
  if (e.type === 'licence.picked_up') return markPickedUp(central, String(e.data.applicationNumber ?? ''), e.at) ? null : 'UNKNOWN_APPLICATION';
  if (e.booking === null) return null;
  const b = central.booking(e.booking);
  if (!b) return 'UNKNOWN_BOOKING';
  if (b.centre !== centre) return 'OTHER_CENTRE';
  // A check-in counts even for a booking cancelled meanwhile: the citizen came (docs/sync.md).
  if (e.type === 'visit.checked_in') central.sql("UPDATE bookings SET attended = 1, cancelled_after_visit = (status = 'cancelled') WHERE id = ?").run(b.id);
  if (e.type === 'visit.no_show' && e.data.excused !== true && b.person) countNoShow(central, b.person, b.id, b.date.slice(0, 7));
  return null;
}

/** A same-day terminal booking or a licence pickup ticket made at the centre, possibly offline. */
function created(central: Central, centre: string, e: WireEvent): RejectCode | null {
  const d = e.data as Record<string, unknown>;
  if (!e.booking || typeof d.code !== 'string' || typeof d.service !== 'string' || typeof d.date !== 'string' || typeof d.time !== 'string' || typeof d.number !== 'number') {
    return 'BAD_EVENT';
  }
  if (central.booking(e.booking)) return null;
  if (typeof d.slot === 'string') {
    const seat = central.sql('SELECT taken_by FROM pool WHERE id = ? AND centre = ?').get(d.slot, centre) as { taken_by: string | null } | undefined;
    if (!seat) return 'SLOT_NOT_DELEGATED';
    // A seat the terminal booked is its own, even if another event claims it: the visitor is on site.
    central.sql('UPDATE pool SET taken_by = ? WHERE id = ? AND taken_by IS NULL').run(e.booking, d.slot);
  }
  const person = personSchema.safeParse(d.person);
  central.noteNumber(centre, d.date, d.number);
  central.insertBooking(
    {
      id: e.booking, code: d.code, centre, service: d.service, date: d.date, time: d.time, number: d.number,
      priority: null, channel: 'terminal', status: 'active', version: 1,
    },
    person.success ? personKey(person.data) : null,
  );
  central.sql('UPDATE bookings SET attended = 1 WHERE id = ?').run(e.booking);
  return null;
}

function countNoShow(central: Central, person: string, booking: string, month: string): void {
  central.sql('INSERT OR IGNORE INTO no_shows (booking, person, month) VALUES (?, ?, ?)').run(booking, person, month);
  const count = central.sql('SELECT count(*) FROM no_shows WHERE person = ? AND month = ?').pluck().get(person, month) as number;
  if (count >= NO_SHOWS_TO_BLOCK && !isBlocked(central, person)) {
    central.sql('INSERT OR REPLACE INTO blocks (person, blocked_at, unblocked_at, unblocked_by) VALUES (?, ?, NULL, NULL)').run(person, central.now());
  }
}
