/**
 * Reads the file given to `talon import-bookings`: a bare array of bookings or a pull page
 * `{ bookings: [...] }` (DESIGN §6). All or nothing: one bad booking rejects the file, and every
 * problem is listed at once so the file can be fixed in one pass.
 */
import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { bookingImportSchema, bookingSchema, type WireBooking } from '../../sync/protocol/booking.js';

export interface BookingProblem {
  /** Index in the bookings array; null for a problem with the file as a whole. */
  index: number | null;
  /** The booking's id when it has a readable one, to find it in a big file. */
  id: string | null;
  /** Field path inside the booking, as `time`; empty for the booking or file as a whole. */
  field: string;
  message: string;
  /** Set only for invalid JSON. */
  line: number | null;
  column: number | null;
}

/** Enough lines to fix a file by; a file wrong throughout says so in the last line. */
const LISTED_PROBLEMS = 50;

export class BookingFileError extends Error {
  override name = 'BookingFileError';

  constructor(
    readonly file: string,
    readonly problems: BookingProblem[],
  ) {
    const lines = problems.slice(0, LISTED_PROBLEMS).map((p) => `${file}: ${formatProblem(p)}`);
    if (problems.length > LISTED_PROBLEMS) lines.push(`${file}: … and ${problems.length - LISTED_PROBLEMS} more problems`);
    super(lines.join('\n'));
  }
}

export function readBookingFile(path: string): WireBooking[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new BookingFileError(path, [fileProblem(code === 'ENOENT' ? 'file not found' : `cannot read the file (${code ?? String(err)})`)]);
  }
  // Editors on Windows like to start UTF-8 files with a byte-order mark; JSON.parse does not.
  text = text.replace(/^\uFEFF/, '');

  if (text.trim() === '') throw new BookingFileError(path, [fileProblem('the file is empty')]);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new BookingFileError(path, [jsonProblem(text, err)]);
  }

  const items = Array.isArray(data) ? data : isRecord(data) && 'bookings' in data ? data.bookings : undefined;
  if (!Array.isArray(items)) {
    throw new BookingFileError(path, [fileProblem('expected an array of bookings or a page { "bookings": [...] }')]);
  }
  let result: ReturnType<typeof bookingImportSchema.safeParse>;
  try {
    result = bookingImportSchema.safeParse(data);
  } catch {
    // The schema itself gave up on a value (zod measures `.length` of whatever has one, even
    // `{ "length": { "valueOf": 0 } }`): name each such field instead of crashing the import.
    throw new BookingFileError(path, [...unreadableProblems(items), ...duplicateProblems(items)].sort((a, b) => (a.index ?? -1) - (b.index ?? -1)));
  }
  const problems = [
    ...(result.success ? [] : schemaProblems(result.error.issues, items)),
    ...duplicateProblems(items),
  ].sort((a, b) => (a.index ?? -1) - (b.index ?? -1));
  if (!result.success || problems.length > 0) throw new BookingFileError(path, problems);
  return result.data;
}

function schemaProblems(issues: z.core.$ZodIssue[], items: unknown[]): BookingProblem[] {
  return issues.flatMap((issue): BookingProblem[] => {
    // The file's shape is already known, so only the union branch for that shape is of interest.
    if (issue.code === 'invalid_union') {
      const branch = issue.errors.find(isAboutBookings);
      return branch ? schemaProblems(branch, items) : [fileProblem(issue.message)];
    }
    const path = issue.path.filter((p) => p !== 'bookings');
    const [index, ...field] = path;
    if (typeof index !== 'number') return [fileProblem(issue.message)];
    const base = { ...bookingAt(items, index), line: null, column: null };
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ ...base, field: key, message: 'unknown field' }));
    }
    const missing = field.length > 0 && valueAt(items[index], field) === undefined;
    return [{ ...base, field: field.join('.'), message: missing ? 'is required but missing' : issue.message }];
  });
}

/** The fields on which the booking schema throws rather than answers, one problem each. */
function unreadableProblems(items: unknown[]): BookingProblem[] {
  const problems: BookingProblem[] = [];
  const shape = bookingSchema.shape as Record<string, { safeParse(v: unknown): unknown }>;
  items.forEach((item, index) => {
    if (!isRecord(item)) return;
    for (const field of Object.keys(shape)) {
      try {
        shape[field]!.safeParse(item[field]);
      } catch {
        problems.push({ ...bookingAt(items, index), field, message: 'is not a valid value', line: null, column: null });
      }
    }
  });
  return problems.length ? problems : [fileProblem('the bookings cannot be read')];
}

/** A branch whose issues are inside the bookings, not "this is not an array/page". */
function isAboutBookings(issues: z.core.$ZodIssue[]): boolean {
  return issues.every((issue) => issue.path.some((p) => typeof p === 'number'));
}

function duplicateProblems(items: unknown[]): BookingProblem[] {
  const problems: BookingProblem[] = [];
  for (const key of ['id', 'code'] as const) {
    const first = new Map<string, number>();
    items.forEach((item, index) => {
      const value = isRecord(item) ? item[key] : undefined;
      if (typeof value !== 'string') return;
      const earlier = first.get(value);
      if (earlier === undefined) first.set(value, index);
      else problems.push({ ...bookingAt(items, index), field: key, message: `${key} ${value} is also used by bookings[${earlier}]`, line: null, column: null });
    });
  }
  return problems;
}

function bookingAt(items: unknown[], index: number): { index: number; id: string | null } {
  const item = items[index];
  const id = isRecord(item) && typeof item.id === 'string' && item.id.length > 0 ? item.id : null;
  return { index, id };
}

function valueAt(item: unknown, path: PropertyKey[]): unknown {
  let value = item;
  for (const key of path) value = isRecord(value) ? value[key as string] : undefined;
  return value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fileProblem(message: string): BookingProblem {
  return { index: null, id: null, field: '', message, line: null, column: null };
}

function formatProblem(p: BookingProblem): string {
  const where = [
    p.line !== null ? `line ${p.line}, column ${p.column}` : '',
    p.index !== null ? `bookings[${p.index}]${p.id !== null ? ` (id ${p.id})` : ''}` : '',
    p.field,
  ].filter(Boolean);
  return [...where, p.message].join(': ');
}

function jsonProblem(text: string, err: unknown): BookingProblem {
  const found = findJsonError(text);
  if (!found) return fileProblem(`not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
  const before = text.slice(0, found.offset).split('\n');
  return {
    ...fileProblem(`not valid JSON: ${found.offset >= text.length ? 'the file ends too soon, ' : ''}expected ${found.expected}`),
    line: before.length,
    column: before.at(-1)!.length + 1,
  };
}

/**
 * Where JSON.parse gave up. Node 20's messages carry a position only for some errors, so this
 * small scanner walks the grammar and stops at the first character that does not fit.
 */
function findJsonError(text: string): { offset: number; expected: string } | null {
  let i = 0;
  const fail = (expected: string): never => {
    throw new JsonStop(i, expected);
  };
  const space = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const match = (re: RegExp): boolean => {
    re.lastIndex = i;
    const m = re.exec(text);
    if (m) i += m[0].length;
    return m !== null;
  };
  const string = () => {
    i++;
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\\') {
        if (!match(/\\(["\\/bfnrt]|u[0-9a-fA-F]{4})/y)) fail('a valid escape after \\');
      } else if (text.charCodeAt(i) < 0x20) fail('a closing "');
      else i++;
    }
    if (i >= text.length) fail('a closing "');
    i++;
  };
  const key = () => {
    space();
    if (text[i] !== '"') fail('a "quoted" key');
    string();
    space();
    if (text[i] !== ':') fail("':'");
    i++;
  };
  // A loop with its own stack, not recursion: a file nested 100,000 deep must end in a problem with
  // its place, not in a stack overflow.
  const closers: string[] = [];
  try {
    for (;;) {
      space();
      const c = text[i];
      if (c === '{' || c === '[') {
        i++;
        space();
        const close = c === '{' ? '}' : ']';
        if (text[i] !== close) {
          closers.push(close);
          if (close === '}') key();
          continue;
        }
        i++;
      } else if (c === '"') string();
      else if (!match(/-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?|true|false|null/y)) fail('a value');
      // After a value: close what it ends, or go on to the next item after a comma.
      for (;;) {
        space();
        const close = closers.at(-1);
        if (close === undefined) {
          if (i < text.length) fail('the end of the file');
          return null;
        }
        if (text[i] === ',') {
          i++;
          if (close === '}') key();
          break;
        }
        if (text[i] !== close) fail(`',' or '${close}'`);
        i++;
        closers.pop();
      }
    }
  } catch (stop) {
    if (stop instanceof JsonStop) return stop;
    throw stop;
  }
}

class JsonStop extends Error {
  constructor(
    readonly offset: number,
    readonly expected: string,
  ) {
    super(`expected ${expected} at ${offset}`);
  }
}
