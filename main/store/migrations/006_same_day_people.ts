/**
 * Licences as central last sent them gain the kiosk's second factor (the last four digits of the
 * applicant's phone) and when a pickup ticket was taken.
 *
 * Who booked what at the kiosk today (the terminal's per-person limit on same-day bookings, counted
 * offline too). The person is kept only as a SHA-256 of the normalised identifier, only for the day:
 * rows of earlier days are deleted as new ones are written.
 */
export const sql = `
CREATE TABLE same_day_people (
  booking_id TEXT PRIMARY KEY,
  day TEXT NOT NULL,
  service TEXT NOT NULL,
  person TEXT NOT NULL
) STRICT;
CREATE INDEX same_day_people_person ON same_day_people (day, person);
ALTER TABLE sync_licences ADD COLUMN phone_last4 TEXT;
ALTER TABLE sync_licences ADD COLUMN picked_up_at INTEGER;
`;
