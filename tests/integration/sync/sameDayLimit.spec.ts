/**
 * The terminal's per-person limit on same-day bookings (config `sameDay`): counted by the hub in the
 * booking's own transaction, so it holds offline, from the pool central delegated.
 */
import { describe, expect, it } from 'vitest';
import { at } from '../../helpers/floor.js';
import { ask, cmdId, connected, TestClock, TOKENS } from '../../helpers/hub.js';
import { useTempDir } from '../../helpers/tmp.js';
import { hubConfig, startSyncedHub, startTestCentral } from './fixture.js';

const tempDir = useTempDir('talon-same-day-limit-');
const DAY = '2026-03-10';

type Services = { services: { code: string; nextTimes: string[] }[] };
type BookAck = { ok: boolean; ticket?: { number: number }; error?: { code: string; message: string } };

async function offlineKiosk(perPersonPerService?: number, perPersonPerDay?: number) {
  const clock = new TestClock(at('09:30', DAY));
  const dir = tempDir();
  const central = await startTestCentral(clock);
  const config = hubConfig(dir, central.url);
  if (perPersonPerService !== undefined) config.sameDay.perPersonPerService = perPersonPerService;
  if (perPersonPerDay !== undefined) config.sameDay.perPersonPerDay = perPersonPerDay;
  const hub = await startSyncedHub(config, clock);
  await hub.link.round();
  // From here the hub books from the pool it holds, with no central to ask.
  await central.close();
  const kiosk = hub.client('kiosk', TOKENS.kiosk);
  await connected(kiosk);
  const times = async (service: string) => ((await ask(kiosk, 'services', {})) as Services).services.find((s) => s.code === service)!.nextTimes;
  const book = async (service: string, value: string, nth = 0, kind: 'phone' | 'taxId' = 'phone') =>
    (await ask(kiosk, 'book', { commandId: cmdId(), service, time: (await times(service))[nth]!, person: { kind, value } })) as BookAck;
  return { hub, dir, book, stop: () => hub.stop() };
}

describe('the same-day limit per person', () => {
  it('a second same-day booking by the same phone for the same service is refused, and the message says what the limit is', async () => {
    const k = await offlineKiosk();
    try {
      expect(await k.book('DL_EXCHANGE', '+380501234567')).toMatchObject({ ok: true });
      const second = await k.book('DL_EXCHANGE', '+380501234567');
      expect(second).toMatchObject({ ok: false, error: { code: 'SAME_DAY_LIMIT' } });
      expect(second.error!.message).toContain('не більше 1 раз');
    } finally {
      await k.stop();
    }
  });

  it('counts a person by tax number as by phone', async () => {
    const k = await offlineKiosk();
    try {
      expect(await k.book('DL_EXCHANGE', '3012345678', 0, 'taxId')).toMatchObject({ ok: true });
      expect(await k.book('DL_EXCHANGE', '3012345678', 0, 'taxId')).toMatchObject({ ok: false, error: { code: 'SAME_DAY_LIMIT' } });
      // A phone with the same digits is another way of identifying, not the same person.
      expect(await k.book('DL_EXCHANGE', '+380301234567')).toMatchObject({ ok: true });
    } finally {
      await k.stop();
    }
  });

  it('lets the same phone book another service, and another phone the same service', async () => {
    const k = await offlineKiosk();
    try {
      expect(await k.book('DL_EXCHANGE', '+380501234567')).toMatchObject({ ok: true });
      expect(await k.book('THEORY_EXAM', '+380501234567')).toMatchObject({ ok: true });
      expect(await k.book('DL_EXCHANGE', '+380671112233')).toMatchObject({ ok: true });
    } finally {
      await k.stop();
    }
  });

  it('takes its limits from the config: two per service, three a day in all', async () => {
    const k = await offlineKiosk(2, 3);
    try {
      expect(await k.book('DL_EXCHANGE', '+380501234567')).toMatchObject({ ok: true });
      expect(await k.book('DL_EXCHANGE', '+380501234567')).toMatchObject({ ok: true });
      expect(await k.book('DL_EXCHANGE', '+380501234567')).toMatchObject({ ok: false, error: { code: 'SAME_DAY_LIMIT' } });
      expect(await k.book('THEORY_EXAM', '+380501234567')).toMatchObject({ ok: true });
      const fourth = await k.book('THEORY_EXAM', '+380501234567');
      expect(fourth).toMatchObject({ ok: false, error: { code: 'SAME_DAY_DAILY_LIMIT' } });
      expect(fourth.error!.message).toContain('3');
    } finally {
      await k.stop();
    }
  });

  it('keeps the count across a restart of the hub', async () => {
    const k = await offlineKiosk();
    const dir = k.dir;
    try {
      expect(await k.book('DL_EXCHANGE', '+380501234567')).toMatchObject({ ok: true });
    } finally {
      await k.stop();
    }
    const again = await startSyncedHub(hubConfig(dir, 'http://127.0.0.1:9'), new TestClock(at('09:40', DAY)));
    try {
      const kiosk = again.client('kiosk', TOKENS.kiosk);
      await connected(kiosk);
      const time = ((await ask(kiosk, 'services', {})) as Services).services.find((s) => s.code === 'DL_EXCHANGE')!.nextTimes[0]!;
      expect(await ask(kiosk, 'book', { commandId: cmdId(), service: 'DL_EXCHANGE', time, person: { kind: 'phone', value: '+380501234567' } }))
        .toMatchObject({ ok: false, error: { code: 'SAME_DAY_LIMIT' } });
    } finally {
      await again.stop();
    }
  });
});
