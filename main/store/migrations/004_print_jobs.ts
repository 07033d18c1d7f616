/**
 * Tickets not printed yet (docs/printer.md): a ticket waiting for paper survives a restart of the
 * hub. A row is written when the ticket is queued and deleted once it printed with a clean status
 * after it; one the hub gave up on stays, set aside with why, rather than vanish.
 */
export const sql = `
CREATE TABLE print_jobs (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  job_id TEXT NOT NULL UNIQUE,
  booking_id TEXT NOT NULL,
  actor TEXT NOT NULL,
  day TEXT NOT NULL,
  content TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'failed', 'expired')),
  problem TEXT
) STRICT;
`;
