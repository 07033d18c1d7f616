/**
 * The daily copy of a running hub's database: shortly after start and then each hour it checks
 * whether today (UTC) has a copy, takes one online if not, and prunes by the retention
 * (main/store/backup.ts). A failed copy is logged and tried again at the next check.
 */
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import type { Log } from '../core/log.js';
import { BACKUP_DIR, backupName, backupTo, listBackups, pruneBackups, RETENTION, type Retention } from '../store/backup.js';

export interface DailyBackupOptions {
  db: Database.Database;
  dataDir: string;
  log: Log;
  now?: () => number;
  /** The first check, after start (default a minute: a start is not slowed by it). */
  firstAfterMs?: number;
  everyMs?: number;
  retention?: Retention;
}

export interface DailyBackups {
  /** Takes today's copy if there is none yet; resolves with its file, or null when one existed. */
  check(): Promise<string | null>;
  close(): Promise<void>;
}

export function startDailyBackups(o: DailyBackupOptions): DailyBackups {
  const now = o.now ?? Date.now;
  const dir = join(o.dataDir, BACKUP_DIR);
  const log = o.log.child({ component: 'backup' });
  let running: Promise<string | null> | null = null;
  let closed = false;
  const check = (): Promise<string | null> => {
    if (closed) return Promise.resolve(null);
    running ??= (async () => {
      const today = new Date(now()).toISOString().slice(0, 10);
      const has = listBackups(dir).some((b) => (b.kind === 'daily' || b.kind === 'manual') && new Date(b.at).toISOString().slice(0, 10) === today);
      if (has) return null;
      try {
        const file = await backupTo(o.db, join(dir, backupName(now(), 'daily')));
        const removed = pruneBackups(dir, o.retention ?? RETENTION);
        log.info({ file, removed: removed.length }, 'took the daily backup');
        return file;
      } catch (err) {
        log.error({ err: String(err) }, 'the daily backup failed; trying again in an hour');
        return null;
      }
    })().finally(() => {
      running = null;
    });
    return running;
  };
  const first = setTimeout(() => void check(), o.firstAfterMs ?? 60_000);
  first.unref();
  const every = setInterval(() => void check(), o.everyMs ?? 3600_000);
  every.unref();
  return {
    check,
    close: async () => {
      closed = true;
      clearTimeout(first);
      clearInterval(every);
      await running;
    },
  };
}
