/**
 * The kiosk's licence lookup as a boundary: whatever arrives, nothing throws, and no status (let alone
 * a refusal reason) comes out without the application's second factor.
 */
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PoolSameDayDesk } from '../../../main/hub/sameDayDesk.js';
import { openStore } from '../../../main/store/index.js';
import { SyncStore } from '../../../main/store/syncStore.js';
import { CLIENT_EVENTS } from '../../../sync/protocol/hub.js';
import { licencesAnswerSchema, poolAnswerSchema } from '../../../sync/protocol/central.js';
import { testConfig } from '../../helpers/hub.js';
import { useTempDir } from '../../helpers/tmp.js';

const tempDir = useTempDir('talon-licence-lookup-');

function desk() {
  const store = openStore(join(tempDir(), 'talon.db'));
  const sync = new SyncStore(store);
  sync.replaceLicences([
    {
      applicationNumber: 'DL-2026-0006', status: 'refused', reason: { uk: 'Причина', en: 'Reason' }, delivery: 'pickup', pickupCentre: '8041',
      dueAt: null, updatedAt: 0, phoneLast4: '4506', pickedUpAt: null,
    },
    { applicationNumber: 'DL-2026-0009', status: 'produced', reason: null, delivery: 'post', pickupCentre: null, dueAt: null, updatedAt: 0, phoneLast4: null, pickedUpAt: null },
  ]);
  return { store, desk: new PoolSameDayDesk(testConfig(), sync) };
}

describe('the licence lookup', () => {
  it('answers a status only for the right application number and last four digits, whatever else is sent', () => {
    const { store, desk: d } = desk();
    const schema = CLIENT_EVENTS.kiosk.licence;
    fc.assert(
      fc.property(
        fc.oneof(
          fc.anything(),
          fc.record({ applicationNumber: fc.constantFrom('DL-2026-0006', 'DL-2026-0009', 'dl-2026-0006', 'NOPE-1'), phoneLast4: fc.oneof(fc.string(), fc.stringMatching(/^\d{4}$/)) }),
        ),
        (raw) => {
          const parsed = schema.safeParse(raw);
          if (!parsed.success) return;
          const answer = d.licence(parsed.data);
          const right = parsed.data.applicationNumber.toUpperCase() === 'DL-2026-0006' && parsed.data.phoneLast4 === '4506';
          expect(answer.ok).toBe(right);
          if (!answer.ok) expect(answer).toMatchObject({ error: { code: 'UNKNOWN_APPLICATION' } });
        },
      ),
      { numRuns: 500 },
    );
    // An application central gave no factor for is never shown.
    expect(d.licence({ applicationNumber: 'DL-2026-0009', phoneLast4: '0000' })).toMatchObject({ ok: false });
    store.close();
  });

  it('never throws on central\'s pool and licence answers, whatever they hold', () => {
    fc.assert(
      fc.property(fc.anything(), fc.array(fc.record({ date: fc.string(), firstFree: fc.anything() }), { maxLength: 3 }), (raw, days) => {
        expect(() => poolAnswerSchema.safeParse(raw)).not.toThrow();
        expect(() => poolAnswerSchema.safeParse({ slots: [], days, serverTime: 0 })).not.toThrow();
        expect(() => licencesAnswerSchema.safeParse(raw)).not.toThrow();
      }),
      { numRuns: 300 },
    );
    expect(poolAnswerSchema.safeParse({ slots: [], days: [{ date: '2026-03-10', firstFree: 999 }], serverTime: 0 }).success).toBe(false);
    expect(poolAnswerSchema.parse({ slots: [], serverTime: 0 }).days).toEqual([]);
  });
});
