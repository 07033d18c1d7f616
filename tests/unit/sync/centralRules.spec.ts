/** The Е-запис rules of the reference central server, at chosen instants. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { zonedInstant } from '../../../main/core/clock.js';
import { lastOpenDate, slotTimes, defaultHours } from '../../../sync/central/calendar.js';
import { Central } from '../../../sync/central/central.js';
import { bookOnline, cancelOnline } from '../../../sync/central/citizenBooking.js';
import { openCentralDb } from '../../../sync/central/db.js';
import { citizenLicence, extendReview, licence, licencesForCentre, seedLicences, setLicenceStatus } from '../../../sync/central/licences.js';
import { Refusal, REFUSALS } from '../../../sync/central/refusals.js';
import { licenceSeeds } from '../../../sync/central/seeds/004_licences.js';
import { applyEvents } from '../../../sync/central/terminalEvents.js';
import { TestClock } from '../../helpers/hub.js';
import { centreDef } from '../../integration/sync/fixture.js';

const TZ = 'Europe/Kyiv';
const kyiv = (date: string, time: string) => zonedInstant(date, time, TZ);

function central(at: number, cutover: string | null = null) {
  const clock = new TestClock(at);
  const c = new Central(openCentralDb(':memory:'), clock.now);
  c.addCentre({ ...centreDef(), cutover });
  seedLicences(c, licenceSeeds('8041'));
  return { c, clock };
}

const taxId = (n: number) => ({ kind: 'taxId' as const, value: String(3100000000 + n) });
const req = (date: string, time: string, person: { kind: 'taxId' | 'edrpou' | 'phone'; value: string } = taxId(1), over: Record<string, unknown> = {}) => ({
  centre: '8041', service: 'DL_EXCHANGE', date, time, person, priority: null, channel: 'online' as const, ...over,
});

function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof Refusal) return err.code;
    throw err;
  }
  throw new Error('expected a refusal');
}

let eventN = 0;
const ev = (type: string, booking: string | null, data: Record<string, unknown> = {}) => ({
  id: `event-${++eventN}-xxxxxxxx`, seq: eventN, type, at: 0, booking, data,
});

describe('the schedule and slots', () => {
  it('makes slots Mon–Thu 9:00–18:00 and Fri to 16:45 around the 13:00–13:45 lunch, none at the weekend', () => {
    const hours = defaultHours();
    const monday = slotTimes(hours.get(1)!, 15);
    expect(monday[0]).toBe('09:00');
    expect(monday).toContain('12:45');
    expect(monday.filter((t) => t >= '13:00' && t < '13:45')).toEqual([]);
    expect(monday).toContain('13:45');
    expect(monday.at(-1)).toBe('17:45');
    expect(slotTimes(hours.get(5)!, 15).at(-1)).toBe('16:30');
    expect(hours.has(6)).toBe(false);
    expect(hours.has(7)).toBe(false);
    // a 20-minute exam: 12:40 ends at lunch, 13:00 would run into it, so the next starts at 13:45
    expect(slotTimes(hours.get(2)!, 20).filter((t) => t > '12:00' && t < '14:00')).toEqual(['12:20', '12:40', '13:45']);
  });

  it('opens 21 days ahead, one more day at 06:00 Kyiv time', () => {
    const { c, clock } = central(kyiv('2026-03-10', '05:59'));
    expect(lastOpenDate(clock.now(), TZ)).toBe('2026-03-30');
    expect(refusal(() => bookOnline(c, req('2026-03-31', '10:00')))).toBe('NOT_OPEN_YET');
    clock.t = kyiv('2026-03-10', '06:00');
    expect(bookOnline(c, req('2026-03-31', '10:00'))).toMatchObject({ date: '2026-03-31', number: expect.any(Number) });
    expect(c.db.prepare("SELECT count(*) FROM slots WHERE date = '2026-03-31'").pluck().get()).toBeGreaterThan(0);
  });

  it('opens the next day at 06:00 local across the spring and autumn clock changes', () => {
    // 29 March 2026: Kyiv moves from UTC+2 to UTC+3 at 03:00, so 06:00 is 03:00 UTC.
    expect(lastOpenDate(Date.UTC(2026, 2, 29, 2, 59), TZ)).toBe('2026-04-18');
    expect(lastOpenDate(Date.UTC(2026, 2, 29, 3, 0), TZ)).toBe('2026-04-19');
    // 25 October 2026: back to UTC+2 at 04:00, so 06:00 is 04:00 UTC.
    expect(lastOpenDate(Date.UTC(2026, 9, 25, 3, 59), TZ)).toBe('2026-11-14');
    expect(lastOpenDate(Date.UTC(2026, 9, 25, 4, 0), TZ)).toBe('2026-11-15');
    const { c, clock } = central(Date.UTC(2026, 2, 29, 2, 59));
    expect(c.centre('8041').open_through).toBe('2026-04-18');
    clock.t = Date.UTC(2026, 2, 29, 3, 0);
    c.ensureOpen();
    expect(c.centre('8041').open_through).toBe('2026-04-19');
  });

  it('numbers every seat of a day when it opens, in time order, then service, then seat, from 1000', () => {
    const { c } = central(kyiv('2026-03-10', '08:00'));
    const seats = c.db.prepare("SELECT service, time, seat, number FROM seats WHERE date = '2026-03-11' ORDER BY number").all() as
      { service: string; time: string; seat: number; number: number }[];
    expect(seats[0]).toMatchObject({ time: '09:00', service: 'DL_EXCHANGE', seat: 0, number: 1000 });
    expect(seats.map((s) => s.number)).toEqual(seats.map((_, i) => 1000 + i));
    const order = seats.map((s) => `${s.time} ${s.service} ${s.seat}`);
    expect(order).toEqual([...order].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });

  it('gives a booking of any channel its seat\'s number, so a later slot booked first still gets the higher number', () => {
    const { c } = central(kyiv('2026-03-10', '08:00'));
    const seatNumber = (time: string, seat = 0) =>
      c.db.prepare("SELECT number FROM seats WHERE date = '2026-03-11' AND service = 'DL_EXCHANGE' AND time = ? AND seat = ?").pluck().get(time, seat) as number;
    const late = bookOnline(c, req('2026-03-11', '17:00', taxId(1)));
    const early = bookOnline(c, req('2026-03-11', '10:00', taxId(2)));
    const app = bookOnline(c, req('2026-03-11', '10:00', taxId(3), { channel: 'app' }));
    expect(late.number).toBe(seatNumber('17:00'));
    expect(early.number).toBe(seatNumber('10:00'));
    expect(app.number).toBe(seatNumber('10:00', 1));
    expect(early.number).toBeLessThan(late.number);
    const pool = c.pool('8041').filter((p) => p.date === '2026-03-11');
    for (const p of pool) {
      expect(p.number).toBe(c.db.prepare("SELECT number FROM seats WHERE date = ? AND service = ? AND time = ? AND pooled = 1").pluck().get(p.date, p.service, p.time));
    }
  });

  it('keeps priority numbers in their own sequence from 1, per centre and day', () => {
    const { c } = central(kyiv('2026-03-10', '08:00'));
    const priority = bookOnline(c, req('2026-03-11', '10:30', taxId(3), { priority: 'military' }));
    const second = bookOnline(c, req('2026-03-11', '11:30', taxId(4), { priority: 'disability' }));
    const otherDay = bookOnline(c, req('2026-03-12', '10:00', taxId(5), { priority: 'military' }));
    expect([priority.number, second.number, otherDay.number]).toEqual([1, 2, 1]);
  });

  it('gives a cancelled booking\'s seat, number and all, to the next booking of the slot', () => {
    const { c } = central(kyiv('2026-03-10', '08:00'));
    const first = bookOnline(c, req('2026-03-11', '10:00', taxId(1)));
    cancelOnline(c, first.id, first.code);
    const again = bookOnline(c, req('2026-03-11', '10:00', taxId(2)));
    expect(again.number).toBe(first.number);
    expect(again.id).not.toBe(first.id);
  });

  it('renumbers a day opened before numbering by seat when nobody checked in yet, and leaves a day with a check-in as printed', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'central-')), 'central.db');
    const clock = new TestClock(kyiv('2026-03-10', '08:00'));
    const old = new Central(openCentralDb(file), clock.now);
    old.addCentre(centreDef());
    const a = bookOnline(old, req('2026-03-11', '17:00', taxId(1)));
    const b = bookOnline(old, req('2026-03-11', '10:00', taxId(2)));
    const t = bookOnline(old, req('2026-03-10', '17:00', taxId(3)));
    const u = bookOnline(old, req('2026-03-10', '16:00', taxId(4)));
    applyEvents(old, '8041', 'hub-1', [ev('visit.checked_in', u.id)]);
    // As the first version numbered them: in booking order, the pool's seats first; no seats table yet.
    old.db.exec('DELETE FROM seats');
    old.db.prepare("UPDATE bookings SET number = 2000 WHERE id = ?").run(a.id);
    old.db.prepare("UPDATE bookings SET number = 2001 WHERE id = ?").run(b.id);
    old.db.prepare("UPDATE bookings SET number = 2002 WHERE id = ?").run(t.id);
    old.db.prepare("UPDATE bookings SET number = 2003 WHERE id = ?").run(u.id);
    old.db.close();
    const c = new Central(openCentralDb(file), clock.now);
    const number = (id: string) => c.booking(id)!.number;
    expect(number(b.id)).toBeLessThan(number(a.id));
    expect(c.booking(a.id)!.version).toBe(2);
    expect(number(a.id)).toBe(c.db.prepare('SELECT number FROM seats WHERE booking = ?').pluck().get(a.id));
    expect([number(t.id), number(u.id)]).toEqual([2002, 2003]);
    const todaysSeats = c.db.prepare("SELECT min(number) FROM seats WHERE date = '2026-03-10' AND booking IS NULL").pluck().get() as number;
    expect(todaysSeats).toBeGreaterThan(2003);
    expect(c.pull('8041', 0, 5000).bookings.find((x) => x.id === a.id)?.number).toBe(number(a.id));
    c.db.close();
  });

  it('refuses a slot that is full, past, or before the cut-over to this system', () => {
    const { c } = central(kyiv('2026-03-10', '11:00'), '2026-03-12');
    expect(refusal(() => bookOnline(c, req('2026-03-11', '10:00')))).toBe('OLD_SYSTEM');
    const { c: c2 } = central(kyiv('2026-03-10', '11:00'));
    expect(refusal(() => bookOnline(c2, req('2026-03-10', '10:00')))).toBe('SLOT_PAST');
    bookOnline(c2, req('2026-03-11', '10:00', taxId(1)));
    bookOnline(c2, req('2026-03-11', '10:00', taxId(2)));
    expect(refusal(() => bookOnline(c2, req('2026-03-11', '10:00', taxId(3))))).toBe('SLOT_TAKEN');
    expect(refusal(() => bookOnline(c2, req('2026-03-11', '10:07', taxId(3))))).toBe('NO_SUCH_SLOT');
  });
});

describe('limits per person', () => {
  it('allows an individual 4 online bookings a calendar month, cancelled ones counted', () => {
    const { c, clock } = central(kyiv('2026-03-10', '08:00'));
    const made = ['10:00', '10:15', '10:30', '10:45'].map((t) => bookOnline(c, req('2026-03-20', t)));
    cancelOnline(c, made[0]!.id, made[0]!.code);
    expect(refusal(() => bookOnline(c, req('2026-03-20', '11:00')))).toBe('MONTHLY_LIMIT');
    expect(bookOnline(c, req('2026-03-20', '11:00', taxId(2)))).toBeTruthy();
    clock.t = kyiv('2026-04-01', '08:00');
    expect(bookOnline(c, req('2026-04-10', '11:00'))).toBeTruthy();
  });

  it('allows a legal entity 4 bookings a day', () => {
    const { c, clock } = central(kyiv('2026-03-10', '08:00'));
    const firm = { kind: 'edrpou' as const, value: '12345678' };
    for (const t of ['10:00', '10:15', '10:30', '10:45']) bookOnline(c, req('2026-03-20', t, firm));
    expect(refusal(() => bookOnline(c, req('2026-03-20', '11:00', firm)))).toBe('DAILY_LIMIT');
    clock.t = kyiv('2026-03-11', '08:00');
    expect(bookOnline(c, req('2026-03-20', '11:00', firm))).toBeTruthy();
  });

  it('allows an exam retake no earlier than 10 days after the previous booking', () => {
    const { c } = central(kyiv('2026-03-10', '08:00'));
    bookOnline(c, req('2026-03-11', '10:00', taxId(1), { service: 'THEORY_EXAM' }));
    const code = refusal(() => bookOnline(c, req('2026-03-20', '10:00', taxId(1), { service: 'THEORY_EXAM' })));
    expect(code).toBe('RETAKE_TOO_SOON');
    expect(bookOnline(c, req('2026-03-23', '10:00', taxId(1), { service: 'THEORY_EXAM' }))).toBeTruthy();
  });

  it('allows a priority booking once a day per service type', () => {
    const { c } = central(kyiv('2026-03-10', '08:00'));
    bookOnline(c, req('2026-03-11', '10:00', taxId(1), { priority: 'disability' }));
    expect(refusal(() => bookOnline(c, req('2026-03-11', '11:00', taxId(1), { priority: 'disability' })))).toBe('PRIORITY_ONCE');
    expect(bookOnline(c, req('2026-03-11', '11:00', taxId(1), { priority: 'disability', service: 'THEORY_EXAM' }))).toBeTruthy();
    expect(bookOnline(c, req('2026-03-12', '11:00', taxId(1), { priority: 'disability' }))).toBeTruthy();
  });

  it('accepts a cancellation until 2 hours before the slot and refuses it after', () => {
    const { c, clock } = central(kyiv('2026-03-10', '08:00'));
    const a = bookOnline(c, req('2026-03-10', '12:00', taxId(1)));
    const b = bookOnline(c, req('2026-03-10', '12:15', taxId(2)));
    clock.t = kyiv('2026-03-10', '10:00');
    expect(cancelOnline(c, a.id, a.code)).toMatchObject({ status: 'cancelled', version: 2 });
    clock.t = kyiv('2026-03-10', '10:16');
    expect(refusal(() => cancelOnline(c, b.id, b.code))).toBe('CANCEL_TOO_LATE');
    expect(refusal(() => cancelOnline(c, a.id, a.code))).toBe('ALREADY_CANCELLED');
    expect(refusal(() => cancelOnline(c, b.id, 'WRONGCODE'))).toBe('WRONG_CODE');
  });

  it('blocks online booking after the 4th counted no-show in a month, until a centre unblocks in person', () => {
    const { c, clock } = central(kyiv('2026-03-02', '08:00'));
    const person = taxId(9);
    // Bookings made over earlier months (no monthly limit in the way), all for slots in March.
    const made = ['2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06', '2026-03-09'].map((date, i) => ({
      id: `NS-${i}`, code: `NOSHOW${i}`, centre: '8041', service: 'DL_EXCHANGE', date, time: '10:00', number: 1500 + i,
      priority: null, channel: 'online' as const, status: 'active' as const, version: 1, person: `taxId:${person.value}`,
    }));
    c.seedBookings(made);
    // An excused no-show (an alert covered the window) does not count.
    applyEvents(c, '8041', 'hub-1', [ev('visit.no_show', made[0]!.id, { excused: true })]);
    applyEvents(c, '8041', 'hub-1', made.slice(1, 4).map((b) => ev('visit.no_show', b.id, { excused: false })));
    clock.t = kyiv('2026-04-01', '08:00');
    expect(bookOnline(c, req('2026-04-02', '10:00', person))).toBeTruthy();
    applyEvents(c, '8041', 'hub-1', [ev('visit.no_show', made[4]!.id, { excused: false })]);
    expect(refusal(() => bookOnline(c, req('2026-04-02', '10:15', person)))).toBe('BLOCKED');
    clock.t = kyiv('2026-05-01', '08:00');
    expect(refusal(() => bookOnline(c, req('2026-05-04', '10:00', person)))).toBe('BLOCKED');
    const answer = applyEvents(c, '8041', 'hub-1', [ev('person.unblocked', null, { person })]);
    expect(answer.accepted).toHaveLength(1);
    expect(bookOnline(c, req('2026-05-04', '10:00', person))).toBeTruthy();
  });

  it('has a Ukrainian message for every refusal', () => {
    for (const [code, [, uk]] of Object.entries(REFUSALS)) expect(uk, code).toMatch(/[а-яіїєґ]/i);
    expect(new Refusal('OLD_SYSTEM', { cutover: '2026-04-01' }).body().error.message).toBe('Записи до 2026-04-01 ведуться в попередній системі.');
  });
});

describe('terminal events', () => {
  it('deduplicates by id in the transaction of the effect, and refuses what it cannot apply', () => {
    const { c } = central(kyiv('2026-03-10', '08:00'));
    const b = bookOnline(c, req('2026-03-10', '10:00'));
    const checkIn = ev('visit.checked_in', b.id);
    expect(applyEvents(c, '8041', 'hub-1', [checkIn, checkIn])).toMatchObject({ accepted: [checkIn.id], duplicate: [checkIn.id] });
    expect(applyEvents(c, '8041', 'hub-1', [checkIn]).duplicate).toEqual([checkIn.id]);
    expect(c.booking(b.id)!.attended).toBe(1);
    const unknown = ev('visit.checked_in', 'nope');
    const odd = ev('visit.levitated', b.id);
    const answer = applyEvents(c, '8041', 'hub-1', [unknown, odd, { id: 'x' }]);
    expect(answer.rejected).toEqual([{ id: unknown.id, code: 'UNKNOWN_BOOKING' }, { id: odd.id, code: 'UNKNOWN_TYPE' }, { id: 'x', code: 'BAD_EVENT' }]);
    expect(applyEvents(c, '8041', 'hub-1', [unknown]).rejected).toEqual([{ id: unknown.id, code: 'UNKNOWN_BOOKING' }]);
  });
});

describe('licence applications (seed 004)', () => {
  it('shows a citizen the refusal reason only with the last four digits of the applicant\'s phone, and never the digits', () => {
    const { c } = central(kyiv('2026-03-10', '08:00'));
    expect(citizenLicence(c, 'DL-2026-0006', null)).toMatchObject({ status: 'refused', reason: null, phoneLast4: null });
    expect(citizenLicence(c, 'DL-2026-0006', '0000')).toMatchObject({ reason: null });
    expect(citizenLicence(c, 'DL-2026-0006', '4506')).toMatchObject({ reason: { uk: 'Медична довідка недійсна.' }, phoneLast4: null });
  });

  it('lists for a centre the applications it answers for: to pick up there, and those it handles by post or for another centre', () => {
    const { c } = central(kyiv('2026-03-10', '08:00'));
    const listed = licencesForCentre(c, '8041').map((l) => l.applicationNumber);
    expect(listed).toContain('DL-2026-0007');
    expect(listed).toContain('DL-2026-0008');
    expect(licencesForCentre(c, '8041').find((l) => l.applicationNumber === 'DL-2026-0001')?.phoneLast4).toBe('4501');
  });

  it('moves sent → received → in work → produced, or refused with a reason, and nothing else', () => {
    const { c } = central(kyiv('2026-03-10', '08:00'));
    expect(refusal(() => setLicenceStatus(c, 'DL-2026-0005', 'produced'))).toBe('BAD_STATUS_CHANGE');
    expect(setLicenceStatus(c, 'DL-2026-0005', 'received').dueAt).toBe(kyiv('2026-03-10', '08:00') + 10 * 86_400_000);
    setLicenceStatus(c, 'DL-2026-0005', 'in_work');
    expect(refusal(() => setLicenceStatus(c, 'DL-2026-0005', 'refused'))).toBe('REASON_REQUIRED');
    expect(setLicenceStatus(c, 'DL-2026-0005', 'refused', { uk: 'Фото не відповідає вимогам.', en: 'The photo does not qualify.' })).toMatchObject({ status: 'refused', reason: { uk: 'Фото не відповідає вимогам.' } });
    expect(refusal(() => setLicenceStatus(c, 'DL-2026-0001', 'in_work'))).toBe('BAD_STATUS_CHANGE');
  });

  it('extends the 10-day review clock of open applications for alerts and outages', () => {
    const { c } = central(kyiv('2026-03-10', '08:00'));
    const before = licence(c, 'DL-2026-0003').dueAt!;
    expect(extendReview(c, 2)).toBe(2);
    expect(licence(c, 'DL-2026-0003').dueAt).toBe(before + 2 * 86_400_000);
    expect(licence(c, 'DL-2026-0001').dueAt).toBe(licence(c, 'DL-2026-0001').dueAt);
  });
});
