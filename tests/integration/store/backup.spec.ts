/** Backups of the centre's database: real SQLite files, a real hub running on them. */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backupCommand, restoreCommand } from '../../../main/commands/backup.js';
import { startCentre, STORE_FILE } from '../../../main/hub/centre.js';
import { silentLog } from '../../../main/core/log.js';
import { BACKUP_DIR, backupFile, backupName, checkDatabase, listBackups, pruneBackups } from '../../../main/store/backup.js';
import { migrate, MIGRATIONS, openStore } from '../../../main/store/index.js';
import { at, booking } from '../../helpers/floor.js';
import { testConfig } from '../../helpers/hub.js';
import { useTempDir } from '../../helpers/tmp.js';

const tempDir = useTempDir('talon-backup-');
const quiet = { out: (_: string) => undefined, lines: [] as string[] };
function capture() {
  const lines: string[] = [];
  return { lines, out: (l: string) => void lines.push(l) };
}

describe('backups of the database', () => {
  it('copies a database online and restores it whole, checked', async () => {
    const dir = tempDir();
    const config = testConfig({}, dir);
    const store = openStore(join(dir, STORE_FILE), at('09:00'));
    store.upsertBookings([booking(1000, '10:00'), booking(1001, '10:15')]);
    const copy = join(tempDir(), 'copy.db');
    // Taken while the store is open and writing, as a hub would be.
    await backupFile(store.file, copy);
    store.upsertBookings([booking(1002, '10:30')]);
    store.close();
    expect(checkDatabase(copy)).toEqual({ ok: true, integrity: 'ok', schemaVersion: MIGRATIONS.length, problems: [] });

    const said = capture();
    expect(await restoreCommand([copy], () => ({ config }), said.out, said.out)).toBe(0);
    expect(checkDatabase(join(dir, STORE_FILE)).ok).toBe(true);
    const restored = openStore(join(dir, STORE_FILE), at('09:00'));
    expect(restored.bookingCount('8041', '2026-03-10')).toBe(2);
    restored.close();
    // What it replaced is kept, with the third booking.
    const previous = listBackups(join(dir, BACKUP_DIR)).find((b) => b.kind === 'before-restore')!;
    const replaced = openStore(previous.file, at('09:00'));
    expect(replaced.bookingCount('8041', '2026-03-10')).toBe(3);
    replaced.close();
    expect(said.lines.join('\n')).toMatch(/integrity ok/);
  });

  it('takes a copy before it migrates a database, which has the old schema', () => {
    const dir = tempDir();
    const file = join(dir, STORE_FILE);
    const old = new Database(file);
    migrate(old, MIGRATIONS.slice(0, -1), at('08:00'));
    old.close();

    openStore(file, at('09:00')).close();

    const copies = listBackups(join(dir, BACKUP_DIR));
    expect(copies.map((c) => c.kind)).toEqual([`before-migration-v${MIGRATIONS.length - 1}-to-v${MIGRATIONS.length}`]);
    expect(checkDatabase(copies[0]!.file)).toMatchObject({ ok: true, schemaVersion: MIGRATIONS.length - 1 });
    // A database already current is not copied again.
    openStore(file, at('10:00')).close();
    expect(listBackups(join(dir, BACKUP_DIR))).toHaveLength(1);
  });

  it('refuses to restore while a hub runs on the data dir', async () => {
    const dir = tempDir();
    const config = testConfig({}, dir);
    const centre = await startCentre(config, { port: 0, log: silentLog, backups: false });
    const copy = join(tempDir(), 'copy.db');
    try {
      await backupFile(join(dir, STORE_FILE), copy);
      const said = capture();
      expect(await restoreCommand([copy], () => ({ config }), said.out, said.out)).toBe(1);
      expect(said.lines.join('\n')).toMatch(new RegExp(`a hub \\(pid ${process.pid}\\) runs on`));
    } finally {
      await centre.close();
    }
    expect(await restoreCommand([copy], () => ({ config }), quiet.out, quiet.out)).toBe(0);
  });

  it('refuses a corrupt copy and one made by a newer Talon, and leaves the database as it was', async () => {
    const dir = tempDir();
    const config = testConfig({}, dir);
    const store = openStore(join(dir, STORE_FILE), at('09:00'));
    store.upsertBookings([booking(1000, '10:00')]);
    store.close();

    const corrupt = join(tempDir(), 'corrupt.db');
    writeFileSync(corrupt, Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.alloc(4096, 0x5a)]));
    const newer = join(tempDir(), 'newer.db');
    await backupFile(join(dir, STORE_FILE), newer);
    const db = new Database(newer);
    db.prepare('INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)').run(MIGRATIONS.length + 1, 'from_the_future', 'x', 0);
    db.close();

    for (const [copy, why] of [[corrupt, /does not check: (cannot open|integrity check)/], [newer, /newer than this program/]] as const) {
      const said = capture();
      expect(await restoreCommand([copy], () => ({ config }), said.out, said.out)).toBe(1);
      expect(said.lines.join('\n')).toMatch(why);
    }
    const kept = openStore(join(dir, STORE_FILE), at('09:00'));
    expect(kept.bookingCount('8041', '2026-03-10')).toBe(1);
    kept.close();
  });

  it('judges any file offered as a backup without throwing, and never calls garbage good', () => {
    const file = join(tempDir(), 'offered.db');
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 8192 }), fc.boolean(), (bytes, header) => {
        writeFileSync(file, header ? Buffer.concat([Buffer.from('SQLite format 3\0'), bytes]) : bytes);
        const check = checkDatabase(file);
        return check.ok === false && check.problems.length > 0;
      }),
      { numRuns: 80 },
    );
  });

  it('keeps the newest of each of 7 days and of the 4 weeks before, and the last safety copies', () => {
    const dir = join(tempDir(), BACKUP_DIR);
    mkdirSync(dir);
    const day = 86_400_000;
    const start = Date.UTC(2026, 2, 10, 3, 0, 0);
    for (let i = 0; i < 60; i++) {
      writeFileSync(join(dir, backupName(start - i * day, 'daily')), '');
      writeFileSync(join(dir, backupName(start - i * day - 3600_000, 'manual')), '');
    }
    for (let i = 0; i < 8; i++) writeFileSync(join(dir, backupName(start - i * day, 'before-migration', 'v3-to-v4')), '');
    writeFileSync(join(dir, 'notes.txt'), 'not a backup');

    pruneBackups(dir);

    const kept = listBackups(dir);
    const regular = kept.filter((b) => !b.kind.startsWith('before-'));
    expect(regular).toHaveLength(11);
    // The 7 newest days, each by its newest copy.
    expect(regular.slice(-7).map((b) => b.at)).toEqual([6, 5, 4, 3, 2, 1, 0].map((i) => start - i * day));
    // Then one a week, a week apart at most.
    const weekly = regular.slice(0, 4).map((b) => b.at);
    for (let i = 1; i < 4; i++) expect(weekly[i]! - weekly[i - 1]!).toBeLessThanOrEqual(7 * day);
    expect(kept.filter((b) => b.kind.startsWith('before-'))).toHaveLength(5);
    expect(existsSync(join(dir, 'notes.txt'))).toBe(true);
  });

  it('takes the day’s backup in a running hub once, and talon backup adds one on demand', async () => {
    const dir = tempDir();
    const config = testConfig({}, dir);
    const centre = await startCentre(config, { port: 0, log: silentLog, backups: { firstAfterMs: 3600_000 } });
    try {
      const first = await centre.backups!.check();
      expect(first).not.toBeNull();
      expect(checkDatabase(first!).ok).toBe(true);
      expect(await centre.backups!.check()).toBeNull();
      const said = capture();
      const to = join(tempDir(), 'by-hand.db');
      expect(await backupCommand(['--to', to], () => ({ config }), said.out, said.out)).toBe(0);
      expect(said.lines[0]).toMatch(/^backup: .*by-hand\.db \(schema version \d+, integrity ok\)$/);
      expect(checkDatabase(to).ok).toBe(true);
      expect(readdirSync(join(dir, BACKUP_DIR)).filter((f) => f.endsWith('.db'))).toHaveLength(1);
    } finally {
      await centre.close();
    }
  });
});
