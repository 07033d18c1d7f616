/**
 * Personal data is kept only until central has it (main/store/retention.ts): a real hub and the
 * reference central, a kiosk booking by phone and by tax number and an unblock by ЄДРПОУ, pushed; then
 * the retention job past `retention.personalDataDays`, and every table and the file's bytes scanned.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import { pruneRetention } from '../../../main/store/retention.js';
import { at } from '../../helpers/floor.js';
import { ask, cmdId, connected, TestClock, TOKENS } from '../../helpers/hub.js';
import { useTempDir } from '../../helpers/tmp.js';
import { hubConfig, startSyncedHub, startTestCentral } from '../sync/fixture.js';

const tempDir = useTempDir('talon-retention-');
const DAY = '2026-03-10';
const DAY_MS = 24 * 3600_000;

// Identifiers unlikely to occur by chance in ids or binary pages.
const PHONE = '+380937654321';
const TAX = '3579246801';
const EDRPOU = '40718293';
const LATE_PHONE = '+380664433221';
/** How each may be written into a page: whole, or the digits the hash is made from. */
const needles = (v: string) => [v, v.replace(/\D/g, '').slice(-9)];

/** Every text value of every table, as one string per row. */
function allText(db: Database.Database): string[] {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
  const out: string[] = [];
  for (const t of tables) {
    for (const row of db.prepare(`SELECT * FROM "${t}"`).all() as Record<string, unknown>[]) out.push(`${t}: ${Object.values(row).map(String).join(' | ')}`);
  }
  return out;
}

function fileBytes(file: string): string {
  return [file, `${file}-wal`].filter(existsSync).map((f) => readFileSync(f).toString('latin1')).join('');
}

type Services = { services: { code: string; nextTimes: string[] }[] };

describe('personal data retention', () => {
  it('after the job no delivered phone, РНОКПП or ЄДРПОУ is left in any table or in the file; the undelivered one is intact; a replay answers the same ack', async () => {
    const clock = new TestClock(at('09:30', DAY));
    const dir = tempDir();
    const central = await startTestCentral(clock);
    const config = hubConfig(dir, central.url);
    const hub = await startSyncedHub(config, clock);
    try {
      await hub.link.round();
      const kiosk = hub.client('kiosk', TOKENS.kiosk);
      const admin = hub.client('admin', TOKENS.admin);
      await Promise.all([connected(kiosk), connected(admin)]);
      const time = async (service: string) => ((await ask(kiosk, 'services', {})) as Services).services.find((s) => s.code === service)!.nextTimes[0]!;
      const bookId = cmdId();
      const book = { commandId: bookId, service: 'DL_EXCHANGE', time: await time('DL_EXCHANGE'), person: { kind: 'phone', value: PHONE } };
      const first = await ask(kiosk, 'book', book);
      expect(first).toMatchObject({ ok: true });
      const replay = await ask(kiosk, 'book', book);
      expect(replay).toMatchObject({ ok: true, replayed: true });
      expect((replay as { ticket: unknown }).ticket).toEqual((first as { ticket: unknown }).ticket);
      expect(await ask(kiosk, 'book', { commandId: cmdId(), service: 'THEORY_EXAM', time: await time('THEORY_EXAM'), person: { kind: 'taxId', value: TAX } })).toMatchObject({ ok: true });
      expect(await ask(admin, 'unblockPerson', { commandId: cmdId(), person: { kind: 'edrpou', value: EDRPOU } })).toEqual({ ok: true, person: { kind: 'edrpou' } });
      const db = hub.centre.store.db;
      // Command results never hold the person, from the start.
      const commands = JSON.stringify(db.prepare('SELECT result FROM commands').pluck().all());
      for (const v of [PHONE, TAX, EDRPOU]) expect(commands).not.toContain(v);
      expect((await hub.link.round()).pushed).toMatchObject({ accepted: 5, rejected: 0 });

      // One booking central has not had yet: it must survive any retention.
      clock.advance(60_000);
      expect(await ask(kiosk, 'book', { commandId: cmdId(), service: 'DL_EXCHANGE', time: await time('DL_EXCHANGE'), person: { kind: 'phone', value: LATE_PHONE } })).toMatchObject({ ok: true });

      // Within the retention nothing delivered is pruned yet; the same-day limit's rows and key go with their day.
      clock.advance(6 * DAY_MS);
      expect(pruneRetention(hub.centre.store, config, clock.now())).toMatchObject({ outboxDeleted: 0, commandsDeleted: 0, sameDayPeopleDeleted: 3, sameDayKeysDeleted: 1 });
      expect(allText(db).join('\n')).toContain(PHONE);

      clock.advance(2 * DAY_MS);
      const counts = pruneRetention(hub.centre.store, config, clock.now());
      expect(counts.outboxDeleted).toBe(5);
      expect(counts.commandsDeleted).toBe(4);

      const rows = allText(db).join('\n');
      const bytes = fileBytes(hub.centre.store.file);
      for (const v of [PHONE, TAX, EDRPOU].flatMap(needles)) {
        expect(rows).not.toContain(v);
        expect(bytes).not.toContain(v);
      }
      const pending = hub.centre.store.pendingEvents(100);
      expect(pending.map((e) => e.type)).toEqual(['booking.created', 'visit.checked_in']);
      expect(pending[0]!.data.person).toEqual({ kind: 'phone', value: LATE_PHONE });
      // And central still gets it whole.
      expect((await hub.link.round()).pushed).toMatchObject({ accepted: 2, rejected: 0 });
    } finally {
      await hub.stop();
      await central.close();
    }
  });
});
