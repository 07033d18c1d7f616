/**
 * Personal data is kept only until central has it (docs/operations.md, "Personal data"). A person
 * (phone, РНОКПП, ЄДРПОУ) enters the hub with a same-day booking at the kiosk and an in-person
 * unblock; it goes to central in the outbox event of that change and nowhere else:
 *
 * - command results (the idempotent replay) never hold it: `withoutPersonal` runs before a result is
 *   stored (Store.commit);
 * - the same-day limit keeps a keyed hash of the person for the day only (sameDayPeople.ts);
 * - `pruneRetention`, once a day, deletes delivered outbox rows older than `retention.personalDataDays`
 *   (desk pauses and resumes, which the reports read, are kept without any person), commands older
 *   than that, the same-day rows and keys of past days, and then checkpoints the WAL so the bytes
 *   leave the files too (the store runs with `secure_delete`).
 *
 * Undelivered events keep everything: central does not have them yet. So do events central refused
 * (`sync_rejected`), until they are resent or the admin deals with them.
 */
import { localDate } from '../core/clock.js';
import { stackOf, type Log } from '../core/log.js';
import type { Millis } from '../core/types.js';
import type { Store } from './store.js';
import { SAME_DAY_KEY_PREFIX } from './sameDayPeople.js';

export const DAY_MS = 24 * 3600_000;

/** Outbox events the reports read (main/store/reportRows.ts): kept past the retention, with no person. */
export const REPORT_EVENT_TYPES: readonly string[] = ['desk.paused', 'desk.resumed'];

/** Keys whose value is a person or one of their identifiers. */
const PERSONAL_KEYS = new Set(['phone', 'taxId', 'rnokpp', 'edrpou', 'tax', 'taxNumber']);

/**
 * A copy with every person reduced to its kind (`person: { kind: 'phone' }`) and every bare
 * identifier key (phone, taxId, rnokpp, edrpou) removed, at any depth. Anything else is kept as is.
 */
export function withoutPersonal(value: unknown, depth = 0): unknown {
  if (depth > 32 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => withoutPersonal(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (PERSONAL_KEYS.has(k)) continue;
    if (k === 'person') {
      const kind = v !== null && typeof v === 'object' && typeof (v as { kind?: unknown }).kind === 'string' ? (v as { kind: string }).kind : null;
      if (kind !== null) out[k] = { kind };
      continue;
    }
    out[k] = withoutPersonal(v, depth + 1);
  }
  return out;
}

/** True when a stored JSON text may hold a person (a cheap prefilter before parsing). */
const MAY_HOLD = /"(person|phone|taxId|rnokpp|edrpou|tax|taxNumber)"\s*:/;
const PERSONAL_LIKE = ['person', 'phone', 'taxId', 'rnokpp', 'edrpou', 'tax', 'taxNumber'].map((k) => `result LIKE '%"${k}"%'`).join(' OR ');

export interface RetentionCounts {
  /** Delivered outbox rows past the retention, deleted. */
  outboxDeleted: number;
  /** Delivered rows the reports still read, kept with the person removed. */
  outboxScrubbed: number;
  /** Command results past the retention, deleted. */
  commandsDeleted: number;
  /** Command results stored before results were stripped (an older version), rewritten without the person. */
  commandsScrubbed: number;
  /** Same-day limit rows of past days. */
  sameDayPeopleDeleted: number;
  /** Same-day hash keys of past days. */
  sameDayKeysDeleted: number;
}

/** What the job reads of the config (config `retention`, `centre.timezone`); the store does not import the config. */
export interface RetentionConfig {
  retention: { personalDataDays: number };
  centre: { timezone: string };
}

/**
 * The daily job: prunes what the retention no longer allows (see the head of this file). One
 * transaction, then a WAL checkpoint; the first run on a database also VACUUMs once, for pages freed
 * before the store used `secure_delete`.
 */
export function pruneRetention(store: Store, config: RetentionConfig, now: Millis): RetentionCounts {
  const db = store.db;
  // A config made without the schema (a test's) has no `retention`: the documented default.
  const cutoff = now - (config.retention?.personalDataDays ?? 7) * DAY_MS;
  const today = localDate(now, config.centre.timezone);
  const reportTypes = REPORT_EVENT_TYPES.map(() => '?').join(', ');
  const counts = db.transaction((): RetentionCounts => {
    // A refused event's outbox row is what `talon events rejected --retry` puts back: never deleted here.
    const delivered = `delivered_at IS NOT NULL AND delivered_at < ? AND id NOT IN (SELECT id FROM sync_rejected)`;
    const outboxDeleted = db.prepare(`DELETE FROM outbox WHERE ${delivered} AND type NOT IN (${reportTypes})`).run(cutoff, ...REPORT_EVENT_TYPES).changes;
    let outboxScrubbed = 0;
    const kept = db.prepare(`SELECT seq, data FROM outbox WHERE ${delivered} AND type IN (${reportTypes})`).all(cutoff, ...REPORT_EVENT_TYPES) as { seq: number; data: string }[];
    const setData = db.prepare('UPDATE outbox SET data = ? WHERE seq = ?');
    for (const r of kept) {
      if (!MAY_HOLD.test(r.data)) continue;
      setData.run(JSON.stringify(withoutPersonal(parseOr(r.data))), r.seq);
      outboxScrubbed++;
    }
    const commandsDeleted = db.prepare('DELETE FROM commands WHERE at < ?').run(cutoff).changes;
    let commandsScrubbed = 0;
    const setResult = db.prepare('UPDATE commands SET result = ? WHERE id = ?');
    // Rows are read first: better-sqlite3 cannot write while a statement still iterates.
    const candidates = db.prepare(`SELECT id, result FROM commands WHERE ${PERSONAL_LIKE}`).all() as { id: string; result: string }[];
    for (const r of candidates) {
      if (!MAY_HOLD.test(r.result)) continue;
      const clean = JSON.stringify(withoutPersonal(parseOr(r.result)));
      if (clean === r.result) continue;
      setResult.run(clean, r.id);
      commandsScrubbed++;
    }
    const sameDayPeopleDeleted = db.prepare('DELETE FROM same_day_people WHERE day < ?').run(today).changes;
    const sameDayKeysDeleted = db.prepare("DELETE FROM meta WHERE key >= ? AND key < ?").run(SAME_DAY_KEY_PREFIX, `${SAME_DAY_KEY_PREFIX}${today}`).changes;
    return { outboxDeleted, outboxScrubbed, commandsDeleted, commandsScrubbed, sameDayPeopleDeleted, sameDayKeysDeleted };
  }).immediate();
  if (store.file !== ':memory:') {
    // Both need no other connection in the way (`talon import-bookings`, a backup): busy, they are
    // tried again at the next run; the rows are gone from the tables either way.
    try {
      if (store.meta(VACUUMED_KEY) === undefined) {
        db.exec('VACUUM');
        store.setMeta(VACUUMED_KEY, String(now));
      }
    } catch {
      // SQLITE_BUSY: next time.
    }
    // The old pages leave the -wal file and land, zeroed, in the database file.
    db.pragma('wal_checkpoint(TRUNCATE)');
  }
  return counts;
}

const VACUUMED_KEY = 'retention.vacuumed';

function parseOr(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return {};
  }
}

/**
 * The job as the hub's scheduler runs it (as the hub starts, then once a day): never throws, logs
 * its counts, or the failure (it runs again the next day).
 */
export function retentionJob(store: Store, config: RetentionConfig, now: () => Millis, log: Log): () => RetentionCounts | null {
  const l = log.child({ component: 'retention' });
  return () => {
    try {
      const counts = pruneRetention(store, config, now());
      l.info({ ...counts }, 'personal data past the retention pruned');
      return counts;
    } catch (err) {
      l.error({ err: stackOf(err) }, 'the retention job failed; it runs again tomorrow');
      return null;
    }
  };
}
