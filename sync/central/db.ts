/**
 * The reference central server's own SQLite database: numbered, append-only migrations recorded in
 * a table (the hub's store does the same; central may not import it, so it keeps its own short list).
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

const MIGRATIONS: readonly { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'centres',
    sql: `
CREATE TABLE centres (id TEXT PRIMARY KEY, name TEXT NOT NULL, timezone TEXT NOT NULL,
  cutover TEXT, open_through TEXT) STRICT;
-- weekday 1 = Monday … 7 = Sunday; a day without a row is closed.
CREATE TABLE hours (centre TEXT NOT NULL, weekday INTEGER NOT NULL, open TEXT NOT NULL, close TEXT NOT NULL,
  lunch_from TEXT, lunch_to TEXT, PRIMARY KEY (centre, weekday)) STRICT;
CREATE TABLE services (centre TEXT NOT NULL, code TEXT NOT NULL, uk TEXT NOT NULL, en TEXT NOT NULL,
  minutes INTEGER NOT NULL, exam INTEGER NOT NULL, PRIMARY KEY (centre, code)) STRICT;
CREATE TABLE desks (centre TEXT NOT NULL, number INTEGER NOT NULL, services TEXT NOT NULL, PRIMARY KEY (centre, number)) STRICT;
CREATE TABLE terminals (token_hash TEXT PRIMARY KEY, centre TEXT NOT NULL, terminal TEXT NOT NULL) STRICT;
CREATE TABLE alerts (centre TEXT PRIMARY KEY, active INTEGER NOT NULL, since INTEGER) STRICT;
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
`,
  },
  {
    version: 2,
    name: 'slots and bookings',
    sql: `
CREATE TABLE day_numbers (centre TEXT NOT NULL, date TEXT NOT NULL, regular INTEGER NOT NULL, priority INTEGER NOT NULL,
  PRIMARY KEY (centre, date)) STRICT;
-- online seats per slot; the terminal's seats are in pool.
CREATE TABLE slots (centre TEXT NOT NULL, service TEXT NOT NULL, date TEXT NOT NULL, time TEXT NOT NULL,
  capacity INTEGER NOT NULL, booked INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (centre, date, service, time)) STRICT;
CREATE TABLE pool (id TEXT PRIMARY KEY, centre TEXT NOT NULL, service TEXT NOT NULL, date TEXT NOT NULL, time TEXT NOT NULL,
  number INTEGER NOT NULL, taken_by TEXT) STRICT;
CREATE INDEX pool_day ON pool (centre, date);
CREATE TABLE bookings (id TEXT PRIMARY KEY, code TEXT NOT NULL UNIQUE, centre TEXT NOT NULL, service TEXT NOT NULL,
  date TEXT NOT NULL, time TEXT NOT NULL, number INTEGER NOT NULL, priority TEXT, channel TEXT NOT NULL,
  status TEXT NOT NULL, version INTEGER NOT NULL, person TEXT, created_at INTEGER NOT NULL,
  created_month TEXT NOT NULL, created_day TEXT NOT NULL, change_seq INTEGER NOT NULL UNIQUE,
  attended INTEGER NOT NULL DEFAULT 0, cancelled_after_visit INTEGER NOT NULL DEFAULT 0) STRICT;
CREATE INDEX bookings_changes ON bookings (centre, change_seq);
CREATE INDEX bookings_person ON bookings (person, created_month);
`,
  },
  {
    version: 3,
    name: 'events, no-shows, licences',
    sql: `
CREATE TABLE events (id TEXT PRIMARY KEY, centre TEXT NOT NULL, terminal TEXT NOT NULL, seq INTEGER NOT NULL,
  type TEXT NOT NULL, at INTEGER NOT NULL, booking TEXT, data TEXT NOT NULL, received_at INTEGER NOT NULL,
  outcome TEXT NOT NULL, code TEXT) STRICT;
CREATE TABLE no_shows (booking TEXT PRIMARY KEY, person TEXT NOT NULL, month TEXT NOT NULL) STRICT;
CREATE INDEX no_shows_person ON no_shows (person, month);
CREATE TABLE blocks (person TEXT PRIMARY KEY, blocked_at INTEGER NOT NULL, unblocked_at INTEGER, unblocked_by TEXT) STRICT;
CREATE TABLE challenges_spent (challenge TEXT PRIMARY KEY, expires_at INTEGER NOT NULL) STRICT;
CREATE TABLE licences (number TEXT PRIMARY KEY, person TEXT NOT NULL, status TEXT NOT NULL, reason_uk TEXT, reason_en TEXT,
  delivery TEXT NOT NULL, pickup_centre TEXT, submitted_at INTEGER NOT NULL, received_at INTEGER, due_at INTEGER,
  updated_at INTEGER NOT NULL, picked_up_at INTEGER) STRICT;
CREATE INDEX licences_centre ON licences (pickup_centre);
`,
  },
  {
    version: 4,
    name: 'seats, licence second factor',
    // Days opened before this migration are numbered by seat on the next start (seats.ts renumberLegacyDays).
    sql: `
CREATE TABLE seats (centre TEXT NOT NULL, date TEXT NOT NULL, service TEXT NOT NULL, time TEXT NOT NULL, seat INTEGER NOT NULL,
  number INTEGER NOT NULL, pooled INTEGER NOT NULL, booking TEXT, PRIMARY KEY (centre, date, service, time, seat)) STRICT;
CREATE UNIQUE INDEX seats_number ON seats (centre, date, number);
CREATE INDEX seats_booking ON seats (booking);
-- The kiosk's second factor, and the centre that handles the application (answers for it at its kiosk).
ALTER TABLE licences ADD COLUMN phone_last4 TEXT;
ALTER TABLE licences ADD COLUMN centre TEXT;
UPDATE licences SET centre = pickup_centre;
CREATE INDEX licences_handled ON licences (centre);
`,
  },
];

export type CentralDb = Database.Database;

export function openCentralDb(file: string): CentralDb {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL) STRICT');
  const applied = db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all() as { version: number; name: string }[];
  applied.forEach((row, i) => {
    const known = MIGRATIONS[i];
    if (!known || known.version !== row.version || known.name !== row.name) {
      throw new Error(`central db: migration ${row.version} (${row.name}) is unknown to this program`);
    }
  });
  for (const m of MIGRATIONS.slice(applied.length)) {
    db.transaction(() => {
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_migrations (version, name) VALUES (?, ?)').run(m.version, m.name);
    })();
  }
  return db;
}
