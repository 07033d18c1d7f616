/**
 * `talon backup [--to FILE]` and `talon restore FILE`: the technician's copies of the centre's
 * database (docs/operations.md, backups). A backup is taken online, a hub may keep running; a
 * restore is refused while one runs on the data dir, and checks the copy before it replaces anything.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { TalonConfig } from '../config/schema.js';
import { BACKUP_DIR, backupFile, backupName, checkDatabase, pruneBackups, restoreDatabase } from '../store/backup.js';
import { MIGRATIONS } from '../store/index.js';
import { hubRunningOn } from '../ops/hubLock.js';
import { STORE_FILE } from '../hub/centre.js';

export const BACKUP_USAGE = `  talon backup [--config FILE] [--to FILE]              an online copy of the database (default: <data.dir>/backups)
  talon restore FILE [--config FILE]                   put a copy back (the hub must be stopped; the copy is checked first)`;

type Resolve = (explicit: string | undefined) => { config: TalonConfig };
type Out = (line: string) => void;

export async function backupCommand(args: string[], resolveConfig: Resolve, out: Out = console.log, err: Out = console.error): Promise<number> {
  const { values } = parseArgs({ args, options: { config: { type: 'string' }, to: { type: 'string' } } });
  const { config } = resolveConfig(values.config);
  const file = join(config.data.dir, STORE_FILE);
  if (!existsSync(file)) {
    err(`talon backup: there is no database at ${file} yet`);
    return 1;
  }
  const dir = join(config.data.dir, BACKUP_DIR);
  const target = values.to ? resolve(values.to) : join(dir, backupName(Date.now(), 'manual'));
  await backupFile(file, target);
  const check = checkDatabase(target);
  if (!check.ok) {
    err(`talon backup: the copy ${target} does not check: ${check.problems.join('; ')}`);
    return 1;
  }
  if (!values.to) pruneBackups(dir);
  out(`backup: ${target} (schema version ${check.schemaVersion}, integrity ok)`);
  return 0;
}

export async function restoreCommand(args: string[], resolveConfig: Resolve, out: Out = console.log, err: Out = console.error): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { config: { type: 'string' } }, allowPositionals: true });
  const source = positionals[0];
  if (!source || positionals.length > 1) {
    err('talon restore: name one backup FILE');
    return 64;
  }
  const { config } = resolveConfig(values.config);
  const running = hubRunningOn(config.data.dir);
  if (running !== null) {
    err(`talon restore: a hub (pid ${running}) runs on ${config.data.dir}; stop it first (sudo systemctl stop talon-hub, or close the app)`);
    return 1;
  }
  const file = join(config.data.dir, STORE_FILE);
  const { check, previous } = await restoreDatabase(resolve(source), file, join(config.data.dir, BACKUP_DIR), Date.now());
  if (!check.ok) {
    err(`talon restore: refused, ${source} does not check: ${check.problems.join('; ')}`);
    return 1;
  }
  out(`restore: ${file} is now ${source} (schema version ${check.schemaVersion} of this program's ${MIGRATIONS.length}, integrity ok)`);
  if (previous) out(`restore: the database it replaced is kept as ${previous}`);
  if (check.schemaVersion < MIGRATIONS.length) out('restore: the copy is older than this program; the hub migrates it at start (after another backup)');
  return 0;
}
