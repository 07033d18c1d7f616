/**
 * The sync with central (DESIGN §6): the terminal pool and licences as last pulled, events central
 * refused (kept and shown, never dropped), and bookings central cancelled after their check-in.
 * The pull cursor lives in `meta` (`sync.cursor`), written in the transaction of its page.
 */
export const sql = `
CREATE TABLE sync_pool (
  id TEXT PRIMARY KEY,
  service TEXT NOT NULL,
  date TEXT NOT NULL,
  time TEXT NOT NULL,
  number INTEGER NOT NULL
) STRICT;
CREATE INDEX sync_pool_day ON sync_pool (date, service, time);

CREATE TABLE sync_licences (
  application_number TEXT PRIMARY KEY,
  status TEXT NOT NULL,
  reason_uk TEXT,
  reason_en TEXT,
  delivery TEXT NOT NULL,
  pickup_centre TEXT,
  due_at INTEGER,
  updated_at INTEGER NOT NULL
) STRICT;

CREATE TABLE sync_rejected (
  id TEXT PRIMARY KEY,
  seq INTEGER NOT NULL,
  type TEXT NOT NULL,
  at INTEGER NOT NULL,
  booking TEXT,
  data TEXT NOT NULL,
  code TEXT NOT NULL,
  rejected_at INTEGER NOT NULL
) STRICT;

CREATE TABLE sync_conflicts (
  booking_id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  visit_state TEXT NOT NULL,
  at INTEGER NOT NULL
) STRICT;
`;
