/**
 * Garbage in the files an installer gives the hub (issue 8): talon.yaml (loadConfig) and the bookings
 * file of `talon import-bookings` (readBookingFile). Whatever the text, each either reads or throws its
 * own clear error (ConfigError / BookingFileError, with a message and at least one problem), never
 * anything else, and never leaves a polluted prototype behind.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BookingFileError, readBookingFile } from '../../../main/config/bookingFile.js';
import { ConfigError, loadConfig } from '../../../main/config/load.js';
import { ALIAS_BOMB, hostileText, mutate, WIRE_TRAPS, wireValue } from '../../helpers/hostile.js';
import { useTempDir } from '../../helpers/tmp.js';

const tempDir = useTempDir('talon-fuzz-files-');

/** A config close enough to the real one that the fuzz reaches the schema's inner checks. */
const GOOD_CONFIG = {
  centre: { id: '8041', name: 'ТСЦ', timezone: 'Europe/Kyiv' },
  services: [{ code: 'DL_EXCHANGE', uk: 'Обмін', en: 'Exchange' }],
  desks: [{ number: 1, services: ['DL_EXCHANGE'], token: 'desk-token-1' }],
  hub: { host: '127.0.0.1', port: 0, kioskTokens: ['kiosk-token-1'], adminTokens: ['admin-token-1'] },
  data: { dir: '.' },
};
const GOOD_BOOKING = { id: 'B-1', code: 'CODE1001', centre: '8041', service: 'DL_EXCHANGE', date: '2025-03-12', time: '09:00', number: 1001, priority: null, channel: 'online', status: 'active', version: 1 };


const trap = fc.oneof(fc.constant({ length: { valueOf: 0, toString: 0 } }), wireValue);
const nearConfig = fc.tuple(fc.array(fc.nat(), { maxLength: 4 }), trap).map(([path, v]) => JSON.stringify(mutate(GOOD_CONFIG, path, v)) ?? '');
const nearBookings = fc
  .tuple(fc.array(fc.nat(), { maxLength: 3 }), trap, fc.boolean())
  .map(([path, v, page]) => {
    const doc = page ? { bookings: [GOOD_BOOKING, { ...GOOD_BOOKING, id: 'B-2', code: 'CODE1002' }] } : [GOOD_BOOKING];
    return JSON.stringify(mutate(doc, path, v)) ?? '';
  });
const anyText = fc.oneof(hostileText, fc.constantFrom(...WIRE_TRAPS).map((t) => JSON.stringify(t)));

function clean(): void {
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.prototype.toString).toBe(Object.prototype.toString);
}

describe('the config file under garbage', () => {
  it('reads or throws a ConfigError with the problems listed, for any text', () => {
    const dir = tempDir();
    const file = join(dir, 'talon.yaml');
    fc.assert(
      fc.property(fc.oneof(anyText, nearConfig), (text) => {
        writeFileSync(file, text);
        try {
          loadConfig(file);
        } catch (err) {
          expect(err).toBeInstanceOf(ConfigError);
          const e = err as ConfigError;
          expect(e.issues.length).toBeGreaterThan(0);
          expect(e.message.length).toBeGreaterThan(0);
          for (const i of e.issues) expect(typeof i.message).toBe('string');
        }
        clean();
      }),
      { numRuns: 300 },
    );
  });

  it('an alias bomb and an alias to nothing are refused as a ConfigError, not a crash', () => {
    const file = join(tempDir(), 'talon.yaml');
    writeFileSync(file, 'centre: *nowhere\n');
    expect(() => loadConfig(file)).toThrow(ConfigError);
    writeFileSync(file, ALIAS_BOMB);
    expect(() => loadConfig(file)).toThrow(ConfigError);
  });
});

describe('the bookings file under garbage', () => {
  it('reads or throws a BookingFileError with the problems listed, for any text', () => {
    const dir = tempDir();
    const file = join(dir, 'bookings.json');
    fc.assert(
      fc.property(fc.oneof(anyText, nearBookings), (text) => {
        writeFileSync(file, text);
        try {
          const bookings = readBookingFile(file);
          expect(Array.isArray(bookings)).toBe(true);
        } catch (err) {
          expect(err).toBeInstanceOf(BookingFileError);
          const e = err as BookingFileError;
          expect(e.problems.length).toBeGreaterThan(0);
          expect(e.message.length).toBeGreaterThan(0);
        }
        clean();
      }),
      { numRuns: 300 },
    );
  });

  it('a field holding the object that broke the hub (issue 8) is a problem on that field', () => {
    const file = join(tempDir(), 'bookings.json');
    for (const field of ['id', 'code', 'centre']) {
      writeFileSync(file, JSON.stringify([GOOD_BOOKING, { ...GOOD_BOOKING, id: 'B-2', code: 'CODE1002', [field]: { length: { valueOf: 0, toString: 0 } } }]));
      let error: unknown;
      try {
        readBookingFile(file);
      } catch (err) {
        error = err;
      }
      expect(error).toBeInstanceOf(BookingFileError);
      expect((error as BookingFileError).problems).toContainEqual(expect.objectContaining({ index: 1, field }));
    }
  });

  it('a deeply nested broken file is a BookingFileError with a place, not a stack overflow', () => {
    const file = join(tempDir(), 'bookings.json');
    for (const text of ['['.repeat(200_000), '{"bookings":' + '['.repeat(200_000), '[' + '{"a":'.repeat(100_000)]) {
      writeFileSync(file, text);
      expect(() => readBookingFile(file)).toThrow(BookingFileError);
    }
  });
});
