/**
 * A digest of what the hub knows, to tell whether an input changed it: the floor in memory and every
 * table of the store (issue 8's fuzz tests and the fuzz soak). Tables that only count time passing
 * (the schema's own bookkeeping) are left out.
 */
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import type { FloorService } from '../../main/hub/floorService.js';

const SKIPPED_TABLES = new Set(['schema_migrations', 'sqlite_sequence']);

/** Maps, Sets and class instances as plain, key-sorted JSON. */
export function stableJson(value: unknown): string {
  const seen = new WeakSet<object>();
  const plain = (v: unknown): unknown => {
    if (v instanceof Map) return [...v.entries()].map(([k, x]) => [plain(k), plain(x)]).sort((a, b) => (JSON.stringify(a[0]) < JSON.stringify(b[0]) ? -1 : 1));
    if (v instanceof Set) return [...v].map(plain).sort();
    if (Array.isArray(v)) return v.map(plain);
    if (typeof v === 'bigint') return `${v}n`;
    if (v && typeof v === 'object') {
      if (seen.has(v)) return '[cycle]';
      seen.add(v);
      if (Buffer.isBuffer(v)) return v.toString('base64');
      return Object.fromEntries(Object.keys(v).sort().map((k) => [k, plain((v as Record<string, unknown>)[k])]));
    }
    return v;
  };
  return JSON.stringify(plain(value));
}

/** The floor's public state: bookings, visits, desks, cursors, alerts, recent calls, suspended services. */
export function floorDigest(floor: FloorService): string {
  const s = floor.state();
  return stableJson({
    day: s.day,
    bookings: s.bookings,
    visits: s.visits,
    desks: s.desks,
    cursors: s.cursors,
    alerts: s.alerts,
    recentCalls: s.recentCalls,
    suspended: s.suspended,
    stateCounts: s.stateCounts,
    arrived: s.arrived,
  });
}

/** Every row of every table, order-free. */
export function tablesDigest(db: Database.Database): string {
  const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[]).filter((t) => !SKIPPED_TABLES.has(t));
  const hash = createHash('sha256');
  for (const t of tables) {
    const rows = (db.prepare(`SELECT * FROM "${t.replace(/"/g, '""')}"`).all() as unknown[]).map(stableJson).sort();
    hash.update(`${t}:${rows.length}\n${rows.join('\n')}\n`);
  }
  return hash.digest('hex');
}

/** The store of another process (a `talon serve` child), read through its WAL without writing. */
export function fileDigest(file: string): string {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return tablesDigest(db);
  } finally {
    db.close();
  }
}

export function hubDigest(floor: FloorService, db: Database.Database): string {
  return createHash('sha256').update(floorDigest(floor)).update(tablesDigest(db)).digest('hex');
}
