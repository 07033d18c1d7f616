/**
 * A big centre for the board specs and the screenshots: five services, eight desks (up to desk 12),
 * and six desks calling within a few seconds, as in a busy morning.
 */
import type { BrowserContext } from 'playwright-core';
import type { ConfigInput } from '../../main/config/schema.js';
import { ask, cmdId, connected, TOKENS, type TestHub } from '../helpers/hub.js';
import { at, booking, startCentre, TestClock } from './centre.js';

export const BIG_SERVICES = [
  { code: 'THEORY_EXAM', uk: 'Теоретичний іспит', en: 'Theory exam' },
  { code: 'PRACTICAL_EXAM', uk: 'Практичний іспит', en: 'Practical exam' },
  { code: 'VEHICLE_REG', uk: 'Реєстрація транспортного засобу', en: 'Vehicle registration' },
  { code: 'DL_EXCHANGE', uk: 'Обмін посвідчення водія', en: "Driver's licence exchange" },
  { code: 'DL_PICKUP', uk: 'Отримання посвідчення водія', en: "Driver's licence pickup" },
];
export const BIG_DESKS = [1, 2, 3, 4, 5, 6, 11, 12];

/** The screens hall boards have: three landscape sizes and a portrait one. */
export const BOARD_SIZES = {
  '1920×1080': { width: 1920, height: 1080 },
  '1366×768': { width: 1366, height: 768 },
  '1280×720': { width: 1280, height: 720 },
  '1080×1920': { width: 1080, height: 1920 },
} as const;

export function bigConfig(over: Partial<ConfigInput> = {}): Partial<ConfigInput> {
  return {
    services: BIG_SERVICES,
    desks: BIG_DESKS.map((n) => ({ number: n, services: BIG_SERVICES.map((s) => s.code), token: TOKENS.desk(n) })),
    centre: {
      id: '8041',
      name: 'Територіальний сервісний центр МВС № 8041',
      timezone: 'Europe/Kyiv',
      worksDuringAlert: false,
      shelter: { uk: 'Укриття в підвалі: вихід через двері праворуч від кіоску, сходи вниз', en: 'The shelter is in the basement: the door to the right of the kiosk, stairs down' },
    },
    ...over,
  };
}

/** Twenty visitors of every service checked in; nobody called yet. */
export async function startBigCentre(dir: string, over: Partial<ConfigInput> = {}): Promise<{ t: TestHub; clock: TestClock; codes: string[] }> {
  const clock = new TestClock(at('09:30'));
  const bookings = Array.from({ length: 20 }, (_, i) => booking(1050 + i, `09:${String(30 + i).padStart(2, '0')}`, { service: BIG_SERVICES[i % BIG_SERVICES.length]!.code }));
  const t = await startCentre(dir, clock, bookings, {}, bigConfig(over));
  const kiosk = t.client('kiosk', TOKENS.kiosk);
  await connected(kiosk);
  for (const b of bookings) await ask(kiosk, 'checkIn', { commandId: cmdId(), code: b.code });
  kiosk.close();
  return { t, clock, codes: bookings.map((b) => b.code) };
}

/** Six desks call within a few seconds; one of them recalls. Returns the desks in call order. */
export async function sixCalls(t: TestHub, clock: TestClock): Promise<number[]> {
  const order = [3, 11, 1, 5, 12, 2];
  const desks = order.map((n) => t.client('desk', TOKENS.desk(n)));
  await Promise.all(desks.map(connected));
  for (const d of desks) {
    clock.advance(700);
    await ask(d, 'callNext', { commandId: cmdId() });
  }
  clock.advance(700);
  await ask(desks[1]!, 'recall', { commandId: cmdId() });
  for (const d of desks) d.close();
  return order;
}

/**
 * Headless Chromium plays sound whatever its autoplay flag says; a desktop browser wants a click
 * first. This is that browser's rule: until the page has been clicked an AudioContext stays
 * suspended and play() is refused with NotAllowedError.
 */
export async function refuseAutoplay(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const Real = window.AudioContext;
    window.AudioContext = class extends Real {
      override get state(): AudioContextState {
        return navigator.userActivation.hasBeenActive ? super.state : 'suspended';
      }
    };
    const play = HTMLMediaElement.prototype.play;
    HTMLMediaElement.prototype.play = function (this: HTMLMediaElement) {
      return navigator.userActivation.hasBeenActive ? play.call(this) : Promise.reject(new DOMException('a click first', 'NotAllowedError'));
    };
  });
}
