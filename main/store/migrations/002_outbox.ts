/** Events for central (DESIGN §6), written in the transaction of their change; and command results for retries. */
export const sql = `
CREATE TABLE outbox (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  type TEXT NOT NULL,
  at INTEGER NOT NULL,
  booking TEXT,
  data TEXT NOT NULL,
  delivered_at INTEGER
) STRICT;
CREATE INDEX outbox_pending ON outbox (delivered_at, seq);

CREATE TABLE commands (
  id TEXT PRIMARY KEY,
  actor TEXT NOT NULL,
  name TEXT NOT NULL,
  result TEXT NOT NULL,
  at INTEGER NOT NULL
) STRICT;
CREATE INDEX commands_at ON commands (at);

CREATE TABLE meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;
`;
