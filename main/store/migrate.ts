import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { MIGRATIONS, type Migration } from './migrations/index.js';

export class MigrationError extends Error {
  override name = 'MigrationError';
}

function checksum(m: Migration): string {
  return createHash('sha256').update(m.sql).digest('hex');
}

/**
 * Applies what is missing, each migration in its own transaction, after checking that what the
 * database already has is exactly a prefix of what this code knows.
 */
export function migrate(
  db: Database.Database,
  migrations: readonly Migration[] = MIGRATIONS,
  now = Date.now(),
  /** Runs once before the first missing migration of a database that has some already (a backup). */
  beforeMigrating?: (from: number, to: number) => void,
): number {
  for (let i = 0; i < migrations.length; i++) {
    if (migrations[i]!.version !== i + 1) throw new MigrationError(`migration ${migrations[i]!.name} is numbered ${migrations[i]!.version}, expected ${i + 1}`);
  }
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at INTEGER NOT NULL) STRICT`);
  const applied = db
    .prepare('SELECT version, name, checksum FROM schema_migrations ORDER BY version')
    .all() as { version: number; name: string; checksum: string }[];
  applied.forEach((row, i) => {
    const known = migrations[i];
    if (row.version !== i + 1) throw new MigrationError(`the database skips migration ${i + 1}`);
    if (!known) throw new MigrationError(`the database has migration ${row.version} (${row.name}), newer than this program: refusing to downgrade`);
    if (known.name !== row.name || checksum(known) !== row.checksum) {
      throw new MigrationError(`migration ${row.version} (${row.name}) differs from the one applied: migrations are append-only`);
    }
  });
  const record = db.prepare('INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)');
  let count = 0;
  if (applied.length > 0 && migrations.length > applied.length) beforeMigrating?.(applied.length, migrations.length);
  for (const m of migrations.slice(applied.length)) {
    db.transaction(() => {
      db.exec(m.sql);
      record.run(m.version, m.name, checksum(m), now);
    })();
    count++;
  }
  return count;
}
