/**
 * The built-in demo centre: what `talon start` runs when there is no config file, so the whole
 * floor can be tried on one machine. Its tokens are public, so the hub listens on loopback only.
 */
import type { Booking, Channel, PriorityCategory } from '../core/types.js';
import { localParts, zonedInstant, MINUTE } from '../core/clock.js';
import { FIRST_PRIORITY_NUMBER, FIRST_REGULAR_NUMBER } from '../core/numbering.js';
import { configSchema, type ConfigInput, type TalonConfig } from './schema.js';
import { prng } from '../core/prng.js';

const DESK_SERVICES: readonly (readonly string[])[] = [
  ['THEORY_EXAM'],
  ['THEORY_EXAM', 'PRACTICAL_EXAM'],
  ['VEHICLE_REG'],
  ['VEHICLE_REG', 'DL_EXCHANGE'],
  ['DL_EXCHANGE', 'DL_PICKUP'],
  ['DL_PICKUP', 'DL_EXCHANGE', 'VEHICLE_REG'],
];

export const DEMO_TOKENS = {
  desks: DESK_SERVICES.map((_, i) => ({ desk: i + 1, token: `demo-desk-${i + 1}` })),
  kiosk: 'demo-kiosk',
  admin: 'demo-admin',
} as const;

export const DEMO_SEED = 8041;

export function demoConfig(dataDir: string): TalonConfig {
  const input: ConfigInput = {
    centre: {
      id: '8041',
      name: 'ТСЦ МВС № 8041 (демо)',
      timezone: 'Europe/Kyiv',
      worksDuringAlert: false,
      shelter: { uk: 'Укриття в підвалі: вихід через двері праворуч від кіоску, сходи вниз', en: 'The shelter is in the basement: the door to the right of the kiosk, stairs down' },
    },
    services: [
      { code: 'THEORY_EXAM', uk: 'Теоретичний іспит', en: 'Theory exam' },
      { code: 'PRACTICAL_EXAM', uk: 'Практичний іспит', en: 'Practical exam' },
      { code: 'VEHICLE_REG', uk: 'Реєстрація транспортного засобу', en: 'Vehicle registration' },
      { code: 'DL_EXCHANGE', uk: 'Обмін посвідчення водія', en: "Driver's licence exchange" },
      { code: 'DL_PICKUP', uk: 'Отримання посвідчення водія', en: "Driver's licence pickup" },
    ],
    desks: DEMO_TOKENS.desks.map(({ desk, token }, i) => ({
      number: desk,
      services: [...DESK_SERVICES[i]!],
      token,
      bus: { address: desk },
    })),
    hub: { host: '127.0.0.1', port: 7300, kioskTokens: [DEMO_TOKENS.kiosk], adminTokens: [DEMO_TOKENS.admin] },
    printer: { transport: 'virtual' },
    data: { dir: dataDir },
  };
  return configSchema.parse(input);
}


/** No 0/O or 1/I, so a code read aloud or typed from a phone screen cannot be mistaken. */
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const CODE_LENGTH = 8;
const PRIORITY_SHARE = 0.05;
const CANCELLED_SHARE = 0.03;
const TOMORROW_BOOKINGS = 6;

interface Slot {
  at: number;
  service: string;
  /** Breaks ties between slots at the same minute, so numbering does not depend on sort stability. */
  stream: number;
}

/**
 * Today's bookings around `now` (2 hours back, 4 ahead, within the local day) plus a few for
 * tomorrow. The same config, `now` and seed give the same bookings.
 */
export function demoBookings(config: TalonConfig, now: number, seed: number = DEMO_SEED): Booking[] {
  const random = prng(seed);
  const { timezone } = config.centre;
  const today = localParts(now, timezone).date;
  const tomorrow = nextDate(today);

  const dayStart = zonedInstant(today, '00:00', timezone);
  const dayEnd = zonedInstant(tomorrow, '00:00', timezone) - MINUTE;
  const from = Math.max(dayStart, Math.ceil((now - 120 * MINUTE) / (5 * MINUTE)) * 5 * MINUTE);
  const to = Math.min(dayEnd, now + 240 * MINUTE);

  const streams = config.desks.flatMap((desk) => desk.services);
  const todaySlots: Slot[] = [];
  streams.forEach((service, stream) => {
    // Steps of 10, 15 or 20 minutes on a five-minute grid, like the slots central generates.
    for (let at = from + pick(random, 0, 1) * 5 * MINUTE; at <= to; at += pick(random, 2, 4) * 5 * MINUTE) {
      todaySlots.push({ at, service, stream });
    }
  });
  const tomorrowSlots: Slot[] = Array.from({ length: TOMORROW_BOOKINGS }, (_, i) => ({
    at: zonedInstant(tomorrow, '09:00', timezone) + i * 15 * MINUTE,
    service: streams[i % streams.length]!,
    stream: i,
  }));

  const codes = new Set<string>();
  const book = (slots: Slot[]) => numbered(slots, random, config.centre.id, timezone, codes);
  return [...book(todaySlots), ...book(tomorrowSlots)];
}

function numbered(slots: Slot[], random: () => number, centre: string, timezone: string, codes: Set<string>): Booking[] {
  slots.sort((a, b) => a.at - b.at || a.stream - b.stream);
  const drafts = slots.map((slot) => ({
    slot,
    category: random() < PRIORITY_SHARE ? pickCategory(random) : null,
    cancelled: random() < CANCELLED_SHARE,
    channel: pickChannel(random),
    code: uniqueCode(random, codes),
  }));
  // A demo day should show every case even when the dice say otherwise.
  if (drafts.length >= 20) {
    if (!drafts.some((d) => d.category)) drafts[1]!.category = 'disability';
    if (!drafts.some((d) => d.cancelled)) drafts[Math.floor(drafts.length / 2)]!.cancelled = true;
  }
  let regular = FIRST_REGULAR_NUMBER;
  let priority = FIRST_PRIORITY_NUMBER;
  return drafts.map(({ slot, category, cancelled, channel, code }): Booking => {
    const { date, time } = localParts(slot.at, timezone);
    const number = category ? priority++ : regular++;
    return {
      id: `${centre}-${date.replaceAll('-', '')}-${number}`,
      code,
      centre,
      service: slot.service,
      date,
      time,
      number,
      priority: category,
      channel,
      status: cancelled ? 'cancelled' : 'active',
      version: cancelled ? 2 : 1,
    };
  });
}

function pick(random: () => number, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

function pickChannel(random: () => number): Channel {
  const r = random();
  return r < 0.6 ? 'online' : r < 0.9 ? 'app' : 'terminal';
}

function pickCategory(random: () => number): PriorityCategory {
  const r = random();
  return r < 0.5 ? 'military' : r < 0.8 ? 'disability' : 'fallen_family';
}

function uniqueCode(random: () => number, taken: Set<string>): string {
  for (;;) {
    let code = '';
    for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[Math.floor(random() * CODE_ALPHABET.length)];
    if (!taken.has(code)) {
      taken.add(code);
      return code;
    }
  }
}

function nextDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}
