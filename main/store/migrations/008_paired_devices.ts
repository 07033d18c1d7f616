/**
 * Desk consoles paired with a code (docs/security.md): each gets its own random token, kept here only
 * as its SHA-256, so a copy of the database signs nobody in. A revoked device keeps its row, to be
 * seen on the admin page, and is refused from then on.
 */
export const sql = `
CREATE TABLE paired_devices (
  id TEXT PRIMARY KEY,
  desk INTEGER NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  paired_at INTEGER NOT NULL,
  last_seen INTEGER,
  address TEXT,
  revoked_at INTEGER
) STRICT;
`;
