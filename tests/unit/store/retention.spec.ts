/** The retention job's edges on a real SQLite file (main/store/retention.ts); the whole flow is in tests/integration/store. */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emptyPatch } from '../../../main/core/floorState.js';
import type { FloorEventDraft } from '../../../main/core/decision.js';
import { openStore, pruneRetention, withoutPersonal } from '../../../main/store/index.js';
import { SyncStore } from '../../../main/store/syncStore.js';
import { SameDayPeople } from '../../../main/store/sameDayPeople.js';
import { at, DAY } from '../../helpers/floor.js';
import { useTempDir } from '../../helpers/tmp.js';

const tempDir = useTempDir('talon-retention-unit-');
const DAY_MS = 24 * 3600_000;
const CONFIG = { retention: { personalDataDays: 7 }, centre: { timezone: 'Europe/Kyiv' } };
const T0 = at('10:00');

const event = (type: FloorEventDraft['type'], data: Record<string, unknown>, booking: string | null = null): FloorEventDraft => ({ type, at: T0, booking, data });

describe('withoutPersonal', () => {
  it('leaves no identifier at any depth and keeps everything else, whatever the shape', () => {
    const secret = fc.stringMatching(/^[0-9]{8,12}$/).map((d) => `S${d}Z`);
    const key = fc.constantFrom('phone', 'taxId', 'rnokpp', 'edrpou');
    const plain = fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.string({ maxLength: 5 }).map((s) => s.replace(/S|Z/g, '')));
    const tree = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        plain,
        fc.array(tie('node'), { maxLength: 3 }),
        fc.dictionary(fc.constantFrom('a', 'b', 'number', 'code'), tie('node'), { maxKeys: 3 }),
        fc.record({ person: fc.record({ kind: fc.constantFrom('phone', 'taxId', 'edrpou'), value: secret }), rest: tie('node') }),
        fc.tuple(key, secret, tie('node')).map(([k, s, rest]) => ({ [k]: s, rest })),
      ),
    }));
    fc.assert(
      fc.property(tree.node, (value) => {
        const out = withoutPersonal(value);
        const text = JSON.stringify(out) ?? '';
        expect(text).not.toMatch(/S[0-9]{8,12}Z/);
        // Idempotent, and what holds no person comes back equal.
        expect(withoutPersonal(out)).toEqual(out);
        if (!/S[0-9]{8,12}Z/.test(JSON.stringify(value) ?? '')) expect(out).toEqual(value);
      }),
    );
  });

  it('reduces a person to its kind', () => {
    expect(withoutPersonal({ slot: 's1', person: { kind: 'phone', value: '+380501234567' } })).toEqual({ slot: 's1', person: { kind: 'phone' } });
  });
});

describe('pruneRetention', () => {
  it('keeps what central refused, and `events rejected --retry` still finds it after the job', () => {
    const store = openStore(join(tempDir(), 'talon.db'), T0);
    const sync = new SyncStore(store);
    const [refused, ok] = store.commit(DAY, emptyPatch(), [
      event('person.unblocked', { person: { kind: 'taxId', value: '3579246801' } }),
      event('person.unblocked', { person: { kind: 'phone', value: '+380937654321' } }),
    ]);
    sync.settle([ok!.id], [{ event: refused!, code: 'UNKNOWN_PERSON' }], T0);
    const counts = pruneRetention(store, CONFIG, T0 + 8 * DAY_MS);
    expect(counts.outboxDeleted).toBe(1);
    expect(sync.rejected()[0]!.data).toEqual({ person: { kind: 'taxId', value: '3579246801' } });
    expect(sync.retryRejected(refused!.id)).toBe(true);
    expect(store.pendingEvents(10).map((e) => e.id)).toEqual([refused!.id]);
    store.close();
  });

  it('keeps desk pauses the reports read, leaves undelivered events whole and delivered ones within the retention', () => {
    const store = openStore(join(tempDir(), 'talon.db'), T0);
    const [pause, young, pending] = store.commit(DAY, emptyPatch(), [
      event('desk.paused', { desk: 1, reason: 'lunch' }),
      event('booking.created', { code: 'T1', person: { kind: 'phone', value: '+380937654321' } }, 'T-1'),
      event('booking.created', { code: 'T2', person: { kind: 'phone', value: '+380664433221' } }, 'T-2'),
    ]);
    store.markDelivered([pause!.id], T0);
    store.markDelivered([young!.id], T0 + 3 * DAY_MS);
    expect(pruneRetention(store, CONFIG, T0 + 8 * DAY_MS)).toMatchObject({ outboxDeleted: 0 });
    expect(store.db.prepare('SELECT id FROM outbox ORDER BY seq').pluck().all()).toEqual([pause!.id, young!.id, pending!.id]);
    expect(pruneRetention(store, CONFIG, T0 + 11 * DAY_MS)).toMatchObject({ outboxDeleted: 1 });
    expect(store.db.prepare('SELECT id FROM outbox ORDER BY seq').pluck().all()).toEqual([pause!.id, pending!.id]);
    expect(store.pendingEvents(10)[0]!.data).toEqual({ code: 'T2', person: { kind: 'phone', value: '+380664433221' } });
    store.close();
  });

  it('strips a person from command results an older version stored, and never stores one now', () => {
    const store = openStore(join(tempDir(), 'talon.db'), T0);
    store.commit(DAY, emptyPatch(), [event('person.unblocked', { person: { kind: 'edrpou', value: '40718293' } })], {
      id: 'cmd-new', actor: 'admin:1', name: 'unblockPerson', result: { person: { kind: 'edrpou', value: '40718293' } },
    }, T0);
    expect(store.commandResult('cmd-new')!.result).toEqual({ person: { kind: 'edrpou' } });
    store.db.prepare('INSERT INTO commands (id, actor, name, result, at) VALUES (?, ?, ?, ?, ?)').run('cmd-old', 'admin:1', 'unblockPerson', '{"person":{"kind":"taxId","value":"3579246801"}}', T0);
    expect(pruneRetention(store, CONFIG, T0 + DAY_MS)).toMatchObject({ commandsScrubbed: 1, commandsDeleted: 0 });
    expect(store.commandResult('cmd-old')!.result).toEqual({ person: { kind: 'taxId' } });
    store.close();
  });

  it('hashes a same-day person under the day\'s key, counts them that day, and forgets key and rows the next', () => {
    const store = openStore(join(tempDir(), 'talon.db'), T0);
    const people = new SameDayPeople(store);
    const phone = { kind: 'phone', value: '+380937654321' };
    store.db.transaction(() => people.add('T-1', DAY, 'DL_EXCHANGE', phone))();
    expect(people.booked(DAY, 'DL_EXCHANGE', { kind: 'phone', value: '0937654321' })).toEqual({ service: 1, day: 1 });
    const hash = store.db.prepare('SELECT person FROM same_day_people').pluck().get() as string;
    // Not the plain SHA-256 an attacker could brute-force from the 10⁹ phones.
    expect(hash).not.toBe(createHash('sha256').update('phone:937654321').digest('hex'));
    expect(pruneRetention(store, CONFIG, at('09:00', '2026-03-11'))).toMatchObject({ sameDayPeopleDeleted: 1, sameDayKeysDeleted: 1 });
    expect(store.db.prepare("SELECT count(*) FROM meta WHERE key LIKE 'sameDay.key.%'").pluck().get()).toBe(0);
    expect(people.booked(DAY, 'DL_EXCHANGE', phone)).toEqual({ service: 0, day: 0 });
    store.close();
  });
});
