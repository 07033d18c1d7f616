import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BookingFileError, readBookingFile, type BookingProblem } from '../../../main/config/bookingFile.js';
import type { WireBooking } from '../../../sync/protocol/booking.js';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'talon-bookings-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function write(content: unknown, name = 'day.json'): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return file;
}

function booking(n: number, overrides: Record<string, unknown> = {}): WireBooking {
  return {
    id: `B-${n}`,
    code: `CODE${1000 + n}`,
    centre: '8041',
    service: 'DL_EXCHANGE',
    date: '2025-03-12',
    time: '09:00',
    number: 1000 + n,
    priority: null,
    channel: 'online',
    status: 'active',
    version: 1,
    ...overrides,
  } as WireBooking;
}

/** Runs the reader and returns both what it returned (nothing, on error) and the error. */
function attempt(file: string): { result: WireBooking[] | undefined; error: BookingFileError } {
  let result: WireBooking[] | undefined;
  try {
    result = readBookingFile(file);
  } catch (err) {
    if (err instanceof BookingFileError) return { result, error: err };
    throw err;
  }
  throw new Error(`expected a BookingFileError, got ${result.length} bookings`);
}

const problem = (p: Partial<BookingProblem>): BookingProblem => ({
  index: null,
  id: null,
  field: '',
  message: '',
  line: null,
  column: null,
  ...p,
});

describe('readBookingFile', () => {
  it('reads a bare array of bookings', () => {
    const bookings = [booking(1), booking(2, { priority: 'military', number: 1 })];
    expect(readBookingFile(write(bookings))).toEqual(bookings);
  });

  it('reads a pull page and returns its bookings', () => {
    const bookings = [booking(1), booking(2)];
    const page = { bookings, cursor: 'c-42', more: false, serverTime: '2025-03-12T07:00:00Z' };
    expect(readBookingFile(write(page))).toEqual(bookings);
  });

  it('reads an empty array as no bookings', () => {
    expect(readBookingFile(write([]))).toEqual([]);
  });

  it('reads a file that starts with a byte-order mark', () => {
    expect(readBookingFile(write('\uFEFF' + JSON.stringify([booking(1)])))).toEqual([booking(1)]);
  });

  it('reports a missing file as not found', () => {
    const file = path.join(dir, 'nope.json');
    const { error } = attempt(file);
    expect(error.name).toBe('BookingFileError');
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toBe(`${file}: file not found`);
  });

  it('reports an empty file', () => {
    const file = write('  \n');
    expect(attempt(file).error.message).toBe(`${file}: the file is empty`);
  });

  it('reports invalid JSON with the line and column where it breaks', () => {
    const file = write('[\n  {"id": "B-1",\n   "code": }\n]');
    const { error } = attempt(file);
    expect(error.problems).toEqual([problem({ message: 'not valid JSON: expected a value', line: 3, column: 12 })]);
    expect(error.message).toBe(`${file}: line 3, column 12: not valid JSON: expected a value`);
  });

  it('reports a file cut off in the middle', () => {
    const { error } = attempt(write('[{"id": "B-1"}, '));
    expect(error.problems).toEqual([
      problem({ message: 'not valid JSON: the file ends too soon, expected a value', line: 1, column: 17 }),
    ]);
  });

  it('reports text after the JSON', () => {
    const { error } = attempt(write('[]\n[]'));
    expect(error.problems).toEqual([problem({ message: 'not valid JSON: expected the end of the file', line: 2, column: 1 })]);
  });

  it('reports a file that is neither an array nor a page of bookings', () => {
    for (const content of [{ items: [] }, { bookings: 3 }, 42]) {
      const file = write(content);
      expect(attempt(file).error.message).toBe(`${file}: expected an array of bookings or a page { "bookings": [...] }`);
    }
  });

  it('names the booking index, its id and the field of an invalid value', () => {
    const file = write([booking(1), booking(2), booking(3), booking(17, { time: '9:00' })]);
    const { error } = attempt(file);
    expect(error.problems).toEqual([problem({ index: 3, id: 'B-17', field: 'time', message: 'a time is HH:MM' })]);
    expect(error.message).toBe(`${file}: bookings[3] (id B-17): time: a time is HH:MM`);
  });

  it('reports a missing field as missing', () => {
    const noId: Record<string, unknown> = { ...booking(1) };
    const noVersion: Record<string, unknown> = { ...booking(2) };
    delete noId.id;
    delete noVersion.version;
    const { error } = attempt(write([noId, noVersion]));
    expect(error.problems).toEqual([
      problem({ index: 0, field: 'id', message: 'is required but missing' }),
      problem({ index: 1, id: 'B-2', field: 'version', message: 'is required but missing' }),
    ]);
  });

  it('reports an unknown field by its name', () => {
    const { error } = attempt(write([booking(1, { desk: 3 })]));
    expect(error.problems).toEqual([problem({ index: 0, id: 'B-1', field: 'desk', message: 'unknown field' })]);
  });

  it('reports an entry that is not a booking at all', () => {
    const { error } = attempt(write([booking(1), 'B-2']));
    expect(error.problems).toEqual([problem({ index: 1, message: 'Invalid input: expected object, received string' })]);
  });

  it('reports a duplicate id and where it was first used', () => {
    const { error } = attempt(write([booking(1), booking(2), booking(3, { id: 'B-1' })]));
    expect(error.problems).toEqual([problem({ index: 2, id: 'B-1', field: 'id', message: 'id B-1 is also used by bookings[0]' })]);
  });

  it('reports a duplicate code', () => {
    const { error } = attempt(write([booking(1), booking(2, { code: 'CODE1001' })]));
    expect(error.problems).toEqual([
      problem({ index: 1, id: 'B-2', field: 'code', message: 'code CODE1001 is also used by bookings[0]' }),
    ]);
  });

  it('lists every problem in booking order, not just the first', () => {
    const file = write([
      booking(1, { channel: 'fax' }),
      booking(2),
      booking(3, { date: '2025-13-01', number: 0 }),
      booking(4, { id: 'B-2' }),
    ]);
    const { error } = attempt(file);
    expect(error.problems.map((p) => [p.index, p.field])).toEqual([
      [0, 'channel'],
      [2, 'date'],
      [2, 'number'],
      [3, 'id'],
    ]);
    expect(error.message.split('\n')).toHaveLength(4);
    expect(error.message.split('\n').every((line) => line.startsWith(`${file}: bookings[`))).toBe(true);
  });

  it('reports problems inside a pull page with the index in its bookings array', () => {
    const { error } = attempt(write({ bookings: [booking(1), booking(2, { status: 'gone' })], cursor: 'x' }));
    expect(error.problems).toEqual([
      problem({ index: 1, id: 'B-2', field: 'status', message: 'Invalid option: expected one of "active"|"cancelled"' }),
    ]);
  });

  it('returns nothing when one booking among many is bad', () => {
    const bookings = Array.from({ length: 200 }, (_, i) => booking(i + 1));
    bookings[150] = booking(151, { service: 'driver licence' });
    const { result, error } = attempt(write(bookings));
    expect(result).toBeUndefined();
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0]).toMatchObject({ index: 150, id: 'B-151', field: 'service' });
  });

  it('keeps every problem but lists at most fifty in the message', () => {
    const bookings = Array.from({ length: 80 }, (_, i) => booking(i + 1, { time: 'noon' }));
    const { error } = attempt(write(bookings));
    expect(error.problems).toHaveLength(80);
    const lines = error.message.split('\n');
    expect(lines).toHaveLength(51);
    expect(lines[50]).toMatch(/… and 30 more problems$/);
  });
});
