/**
 * Copies of the centre's SQLite file (docs/operations.md, backups): taken online while the hub runs,
 * kept in `data.dir/backups` with a retention, checked before a restore. A failed upgrade is rolled
 * back by installing the previous version and restoring the copy taken before its migration.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS, type Migration } from './migrations/index.js';

export const BACKUP_DIR = 'backups';

export type BackupKind = 'daily' | 'manual' | 'before-migration' | 'before-restore';

/** talon-2026-03-10T0930Z-daily.db: sorts by time; the kind says why it was taken. */
const NAME = /^talon-(\d{4})-(\d{2})-(\d{2})T(\d{2})(\d{2})(\d{2})Z-([a-z0-9-]+)\.db$/;

export function backupName(at: number, kind: BackupKind, detail = ''): string {
  const iso = new Date(at).toISOString();
  const stamp = `${iso.slice(0, 10)}T${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
  return `talon-${stamp}-${kind}${detail ? `-${detail}` : ''}.db`;
}

export interface BackupFile {
  file: string;
  at: number;
  kind: string;
}

/** The backups in a folder, oldest first. */
export function listBackups(dir: string): BackupFile[] {
  if (!existsSync(dir)) return [];
  const out: BackupFile[] = [];
  for (const name of readdirSync(dir)) {
    const m = NAME.exec(name);
    if (!m) continue;
    const at = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
    out.push({ file: join(dir, name), at, kind: m[7]! });
  }
  return out.sort((a, b) => a.at - b.at || a.file.localeCompare(b.file));
}

/**
 * An online copy of an open database through SQLite's backup API (better-sqlite3's `backup()`):
 * consistent while the hub keeps writing. Written beside the target and renamed, so a half-written
 * copy never carries a backup's name.
 */
export async function backupTo(db: Database.Database, target: string): Promise<string> {
  mkdirSync(dirname(target), { recursive: true });
  const partial = `${target}.partial`;
  rmSync(partial, { force: true });
  await db.backup(partial);
  renameSync(partial, target);
  return target;
}

/** An online copy of a database file, opened read-only (a hub may be running on it). */
export async function backupFile(file: string, target: string): Promise<string> {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return await backupTo(db, target);
  } finally {
    db.close();
  }
}

/**
 * The copy taken before migrations run. The store migrates as it opens (synchronously), so this
 * one is SQLite's `VACUUM INTO`: also an online, consistent copy, written in one statement.
 */
export function backupBeforeMigration(db: Database.Database, dir: string, from: number, to: number, at: number): string {
  mkdirSync(dir, { recursive: true });
  const target = join(dir, backupName(at, 'before-migration', `v${from}-to-v${to}`));
  const partial = `${target}.partial`;
  rmSync(partial, { force: true });
  db.prepare('VACUUM INTO ?').run(partial);
  renameSync(partial, target);
  return target;
}

export interface Retention {
  daily: number;
  weekly: number;
  /** Copies taken before migrations and restores, kept apart: the last few. */
  safety: number;
}

export const RETENTION: Retention = { daily: 7, weekly: 4, safety: 5 };

function isoWeek(at: number): string {
  const d = new Date(at);
  const t = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  t.setUTCDate(t.getUTCDate() + 4 - (t.getUTCDay() || 7));
  const week = Math.ceil(((t.getTime() - Date.UTC(t.getUTCFullYear(), 0, 1)) / 86_400_000 + 1) / 7);
  return `${t.getUTCFullYear()}-W${week}`;
}

/**
 * Removes the copies the retention does not keep: of the daily and manual ones, the newest of each
 * of the last `daily` days, then the newest of each of the `weekly` weeks before those; of the safety
 * copies (before a migration or a restore), the newest `safety`. Returns the files removed.
 */
export function pruneBackups(dir: string, retention: Retention = RETENTION): string[] {
  const all = listBackups(dir).reverse();
  const keep = new Set<string>();
  for (const b of all.filter((x) => x.kind.startsWith('before-')).slice(0, retention.safety)) keep.add(b.file);
  const days = new Set<string>();
  const weeks = new Set<string>();
  for (const b of all.filter((x) => !x.kind.startsWith('before-'))) {
    const day = new Date(b.at).toISOString().slice(0, 10);
    if (days.has(day)) continue;
    if (days.size < retention.daily) {
      days.add(day);
      keep.add(b.file);
      continue;
    }
    const week = isoWeek(b.at);
    if (weeks.has(week) || weeks.size >= retention.weekly) continue;
    weeks.add(week);
    keep.add(b.file);
  }
  const removed: string[] = [];
  for (const b of all) {
    if (keep.has(b.file)) continue;
    rmSync(b.file, { force: true });
    removed.push(b.file);
  }
  return removed;
}

export interface BackupCheck {
  ok: boolean;
  integrity: string;
  /** The highest migration the copy has; 0 for an empty database. */
  schemaVersion: number;
  problems: string[];
}

function checksum(m: Migration): string {
  return createHash('sha256').update(m.sql).digest('hex');
}

/**
 * What a copy is: SQLite's integrity check and its migrations against this program's. A copy made
 * by a newer Talon, or with migrations that differ, cannot be run by this one.
 */
export function checkDatabase(file: string, migrations: readonly Migration[] = MIGRATIONS): BackupCheck {
  const problems: string[] = [];
  if (!existsSync(file)) return { ok: false, integrity: 'missing', schemaVersion: 0, problems: [`${file} does not exist`] };
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (err) {
    return { ok: false, integrity: 'unreadable', schemaVersion: 0, problems: [`cannot open ${basename(file)}: ${(err as Error).message}`] };
  }
  try {
    let integrity: string;
    try {
      const rows = db.prepare('PRAGMA integrity_check').pluck().all() as string[];
      integrity = rows.join('; ');
    } catch (err) {
      integrity = (err as Error).message;
    }
    if (integrity !== 'ok') problems.push(`integrity check: ${integrity.slice(0, 300)}`);
    let applied: { version: number; name: string; checksum: string }[] = [];
    try {
      const has = db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").pluck().get() as number;
      if (has) applied = db.prepare('SELECT version, name, checksum FROM schema_migrations ORDER BY version').all() as typeof applied;
      else problems.push('no schema_migrations table: not a Talon database');
    } catch (err) {
      problems.push(`cannot read its migrations: ${(err as Error).message}`);
    }
    applied.forEach((row, i) => {
      const known = migrations[i];
      if (!known) problems.push(`migration ${row.version} (${row.name}) is newer than this program: made by a newer Talon`);
      else if (row.version !== i + 1 || known.name !== row.name || checksum(known) !== row.checksum) problems.push(`migration ${row.version} (${row.name}) differs from this program's`);
    });
    const schemaVersion = applied.at(-1)?.version ?? 0;
    return { ok: problems.length === 0, integrity, schemaVersion, problems };
  } finally {
    db.close();
  }
}

/** How big the write-ahead log beside a database is (0 when there is none). */
export function walBytes(file: string): number {
  try {
    return statSync(`${file}-wal`).size;
  } catch {
    return 0;
  }
}

/**
 * Puts a checked copy in place of the database file: the current one is kept first as a
 * before-restore copy, its -wal and -shm are removed with it (they belong to the old file).
 * The caller makes sure no hub runs on it.
 */
export async function restoreDatabase(source: string, file: string, backupsDir: string, at: number): Promise<{ check: BackupCheck; previous: string | null }> {
  const check = checkDatabase(source);
  if (!check.ok) return { check, previous: null };
  let previous: string | null = null;
  if (existsSync(file)) previous = await backupFile(file, join(backupsDir, backupName(at, 'before-restore')));
  const incoming = `${file}.restoring`;
  await backupFile(source, incoming);
  for (const extra of ['-wal', '-shm']) rmSync(`${file}${extra}`, { force: true });
  renameSync(incoming, file);
  return { check, previous };
}
