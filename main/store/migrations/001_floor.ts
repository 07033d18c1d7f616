/** The floor: bookings from central, visits on site, desks, queue cursors, calls, alerts. */
export const sql = `
CREATE TABLE bookings (
  id TEXT PRIMARY KEY,
  code TEXT NOT NULL,
  centre TEXT NOT NULL,
  service TEXT NOT NULL,
  date TEXT NOT NULL,
  time TEXT NOT NULL,
  number INTEGER NOT NULL,
  priority TEXT,
  channel TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('active', 'cancelled')),
  version INTEGER NOT NULL
) STRICT;
CREATE INDEX bookings_code ON bookings (code);
CREATE INDEX bookings_day ON bookings (centre, date);

CREATE TABLE visits (
  booking_id TEXT PRIMARY KEY REFERENCES bookings (id),
  day TEXT NOT NULL,
  number INTEGER NOT NULL,
  priority INTEGER NOT NULL,
  service TEXT NOT NULL,
  state TEXT NOT NULL,
  desk INTEGER,
  target_desk INTEGER,
  rank REAL NOT NULL,
  checked_in_at INTEGER,
  called_at INTEGER,
  started_at INTEGER,
  finished_at INTEGER,
  recalls INTEGER NOT NULL,
  reprints INTEGER NOT NULL,
  paused_from TEXT,
  no_show_reason TEXT,
  excused INTEGER NOT NULL,
  transfers INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX visits_day ON visits (day);

CREATE TABLE desks (
  day TEXT NOT NULL,
  number INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('open', 'paused')),
  current TEXT,
  PRIMARY KEY (day, number)
) STRICT;

CREATE TABLE cursors (
  day TEXT NOT NULL,
  service TEXT NOT NULL,
  number INTEGER NOT NULL,
  PRIMARY KEY (day, service)
) STRICT;

CREATE TABLE calls (
  id INTEGER PRIMARY KEY,
  day TEXT NOT NULL,
  booking_id TEXT NOT NULL,
  number INTEGER NOT NULL,
  priority INTEGER NOT NULL,
  desk INTEGER NOT NULL,
  service TEXT NOT NULL,
  at INTEGER NOT NULL,
  recall INTEGER NOT NULL
) STRICT;
CREATE INDEX calls_day ON calls (day, id);

CREATE TABLE alerts (
  id INTEGER PRIMARY KEY,
  started_at INTEGER NOT NULL,
  ended_at INTEGER,
  source TEXT NOT NULL
) STRICT;

CREATE TABLE suspended_services (
  service TEXT PRIMARY KEY
) STRICT;
`;
