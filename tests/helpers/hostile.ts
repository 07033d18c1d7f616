/**
 * Hostile values for the fuzz tests and the fuzz soak (issue 8): what a stranger on the centre's LAN
 * can put into a request, a handshake, an event, a serial line or a reply. Two kinds:
 *
 * - wire values survive JSON (what a socket.io client, an HTTP body or a file can carry): objects that
 *   shadow `length`/`toString`/`valueOf` with non-functions, `__proto__` and `constructor` keys, huge
 *   strings, deep nesting, lone surrogates, numbers at the edges, sparse arrays (null on the wire);
 * - live values exist only inside the process: throwing getters, throwing `toString`/`valueOf`/
 *   `Symbol.toPrimitive`, a Proxy that throws on every trap, NaN/-0/Infinity, holes.
 *
 * Also bytes (invalid UTF-8), URL paths and queries (`%E0%A4%A`, `%ZZ`, `//`), YAML and JSON texts.
 */
import fc from 'fast-check';
import { CLIENT_EVENTS, type Namespace } from '../../sync/protocol/hub.js';

/** The object that took the hub down in issue 8: zod reads `.length` and gets an object with no functions. */
export const LENGTH_BOMB = Object.freeze({ length: Object.freeze({ valueOf: 0, toString: 0 }) });

/** Objects that survive JSON and break code that trusts `.length`, `toString` or the prototype. */
export const WIRE_TRAPS: readonly unknown[] = [
  { length: { valueOf: 0, toString: 0 } },
  { length: 1e9 },
  { length: -1 },
  { length: '3' },
  { toString: 0, valueOf: 0 },
  { toString: { toString: 0 }, valueOf: { valueOf: 0 } },
  { toJSON: 1 },
  { then: 1 },
  JSON.parse('{"__proto__": {"polluted": true, "toString": 0}}'),
  JSON.parse('{"__proto__": null}'),
  { constructor: { prototype: { polluted: true } } },
  { constructor: 0 },
  { hasOwnProperty: 0, isPrototypeOf: 0 },
  { 0: 'a', 1: 'b', length: 2 },
  { _placeholder: true, num: 0 },
  { kind: { length: { valueOf: 0, toString: 0 } } },
  [{ length: { valueOf: 0, toString: 0 } }],
  [],
  {},
  [null, null, null],
];

const LONE_SURROGATES = ['\ud800', '\udfff', 'a\ud83d', '\ude00b', '\ud800\ud800', '\uffff', '\ufffe', '\u0000', '\u202e'];
export const NASTY_STRINGS: readonly string[] = [
  '',
  ' ',
  '\u0000',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  '9007199254740993',
  '-0',
  'NaN',
  'Infinity',
  '1e309',
  '0x1F',
  '12345678901234567890',
  '%E0%A4%A',
  '%ZZ',
  '%',
  '%00',
  '%C0%AF',
  '../../../etc/passwd',
  '..%2F..%2Fetc%2Fpasswd',
  '\r\n\r\nGET / HTTP/1.1',
  '<script>alert(1)</script>',
  "'; DROP TABLE visits; --",
  'ТСЦ МВС № 8041',
  '👩‍👩‍👧‍👦',
  ...LONE_SURROGATES,
];

/** A string with lone surrogates and control characters mixed in. */
export const nastyString = (maxLength = 40): fc.Arbitrary<string> =>
  fc.oneof(
    fc.constantFrom(...NASTY_STRINGS),
    fc.string({ maxLength, unit: 'binary' }),
    fc.string({ maxLength, unit: fc.constantFrom(...LONE_SURROGATES, '%', 'A', '0', '-', '_', '/', '\\', '\n') }),
    fc.string({ maxLength }),
  );

/** A string around a size limit: 1–`max` characters of one repeated unit. */
export const hugeString = (max = 20_000): fc.Arbitrary<string> =>
  fc.tuple(fc.integer({ min: 1, max }), fc.constantFrom('a', '9', 'я', '\ud800', '%', ' ')).map(([n, c]) => c.repeat(n));

/** Numbers at the edges; on the wire NaN and ±Infinity become null and -0 becomes 0. */
export const edgeNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(0, -0, 1, -1, NaN, Infinity, -Infinity, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 2, Number.MIN_VALUE, 1e308, 0.5, 99999, 100000, 999, 1000, 1e21),
  fc.integer(),
  fc.double(),
);

/** Nested arrays and objects `depth` deep around a leaf. */
export const deepNesting = (maxDepth = 2000): fc.Arbitrary<unknown> =>
  fc.tuple(fc.integer({ min: 1, max: maxDepth }), fc.boolean()).map(([depth, arrays]) => {
    let v: unknown = 0;
    for (let i = 0; i < depth; i++) v = arrays ? [v] : { a: v };
    return v;
  });

/** A sparse array: holes in memory, nulls on the wire. */
export const sparseArray: fc.Arbitrary<unknown[]> = fc.integer({ min: 1, max: 50 }).map((n) => {
  const a: unknown[] = [];
  a[n] = 1;
  return a;
});

/** Any value a JSON wire can carry, hostile ones weighted in. */
export const wireValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...WIRE_TRAPS) },
  { weight: 3, arbitrary: nastyString() },
  { weight: 2, arbitrary: edgeNumber },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false) },
  { weight: 1, arbitrary: hugeString(3000) },
  { weight: 1, arbitrary: deepNesting(200) },
  { weight: 1, arbitrary: sparseArray },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.dictionary(fc.constantFrom('__proto__', 'constructor', 'length', 'toString', 'token', 'lang', 'code'), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }) },
);

/** What a value becomes after JSON (NaN → null, holes → null, -0 → 0): what the other side decodes. */
export function overTheWire<T>(value: T): unknown {
  const text = JSON.stringify(value);
  return text === undefined ? undefined : JSON.parse(text);
}

/** In-process values that throw when looked at. */
export function liveTraps(): unknown[] {
  const boom = () => {
    throw new Error('hostile getter');
  };
  const getter = Object.defineProperty({}, 'length', { get: boom, enumerable: true });
  const toStringThrows = { toString: boom, valueOf: boom };
  const toPrimitive = { [Symbol.toPrimitive]: boom };
  const proxy = new Proxy({}, { get: boom, has: boom, ownKeys: boom, getOwnPropertyDescriptor: boom, getPrototypeOf: boom });
  const holes = [1, , 3]; // eslint-disable-line no-sparse-arrays
  return [getter, toStringThrows, toPrimitive, proxy, holes, NaN, -0, Infinity, -Infinity, Object.create(null), LENGTH_BOMB];
}

// ---- HTTP ----

const PATH_PARTS = [
  '/', '//', '///', '/health', '/metrics', '/pair', '/board', '/kiosk', '/desk', '/admin', '/assets/', '/assets/%E0%A4%A',
  '/assets/%ZZ', '/assets/..%2F..%2Fpackage.json', '/audio/', '/audio/call.wav', '/audio/chime.wav', '/t/', '/t/%ZZ',
  '/socket.io/', '/%', '/%00', '/..', '/./', '/%2e%2e/', '/\\', '/favicon.ico', '/index.html', '?', '#', '*', '@',
];
const QUERY_KEYS = ['number', 'desk', 'lang', 'priority', 'token', 'EIO', 'transport', 'sid', '__proto__', 'constructor', '%ZZ', ''];

/** A request target as a stranger would type it: known prefixes, broken escapes, odd bytes. */
export const httpTarget: fc.Arbitrary<string> = fc
  .tuple(
    fc.array(fc.oneof(fc.constantFrom(...PATH_PARTS), nastyString(12).map((s) => encodeURIComponentLoose(s)), fc.constantFrom('%E0%A4%A', '%ZZ', '%', '%C3', '%ED%A0%80')), { minLength: 1, maxLength: 4 }),
    fc.array(fc.tuple(fc.constantFrom(...QUERY_KEYS), fc.oneof(fc.constantFrom('1', '1056', '3', 'uk', 'en', '%ZZ', '%E0%A4%A', '', '99999999999'), nastyString(10).map(encodeURIComponentLoose))), { maxLength: 4 }),
  )
  .map(([parts, query]) => {
    const path = parts.join('');
    const target = path.startsWith('/') || path.startsWith('*') ? path : `/${path}`;
    return query.length ? `${target}?${query.map(([k, v]) => `${k}=${v}`).join('&')}` : target;
  });

/** Percent-encodes what would break the request line, leaving `%` alone so broken escapes go through. */
export function encodeURIComponentLoose(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '%' || (c > 0x20 && c < 0x7f && ch !== '#' && ch !== '?')) out += ch;
    else if (c >= 0xd800 && c <= 0xdfff) out += '%ED%A0%80';
    else out += encodeURIComponent(ch);
  }
  return out;
}

export const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH', 'TRACE', 'CONNECT', 'BREW', 'get'] as const;

/** A raw HTTP/1.1 request: method, target, a few headers and maybe a body. */
export const httpRequest = fc.record({
  method: fc.constantFrom(...HTTP_METHODS),
  target: httpTarget,
  headers: fc.array(
    fc.tuple(
      fc.constantFrom('content-type', 'content-length', 'authorization', 'origin', 'cookie', 'accept-language', 'x-forwarded-for', 'upgrade', 'connection', 'range', 'transfer-encoding', 'expect'),
      fc.oneof(fc.constantFrom('application/json', 'Bearer ', 'Bearer admin-token-1', 'http://evil.example', 'websocket', 'upgrade', 'keep-alive', 'chunked', '100-continue', 'bytes=0-', 'bytes=-1', '0', '-1', '99999999999'), fc.string({ maxLength: 20, unit: 'grapheme-ascii' })),
    ),
    { maxLength: 3 },
  ),
  body: fc.oneof(fc.constant(''), fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v) ?? ''), fc.constantFrom('{"code":"', '{"code":{"length":{"valueOf":0,"toString":0}}}', '\u0000\u00ff'), fc.string({ maxLength: 60 })),
});
export type HttpRequest = typeof httpRequest extends fc.Arbitrary<infer T> ? T : never;

/**
 * The request as bytes, always complete (the fuzz is of what the hub does with a whole request, not of
 * a client that stops half-way): a numeric content-length is the body's, a chunked body is chunked.
 */
export function rawHttp(r: HttpRequest, host = '127.0.0.1'): Buffer {
  let body = Buffer.from(r.body, 'utf8');
  const chunkedBody = r.headers.some(([k, v]) => k === 'transfer-encoding' && v.trim().toLowerCase() === 'chunked');
  const headers = r.headers.map(([k, v]) => {
    const value = k === 'content-length' && /^\s*\d+\s*$/.test(v) ? String(body.length) : v.replace(/[\r\n]/g, ' ');
    return `${k}: ${value}`;
  });
  if (chunkedBody) body = Buffer.concat([Buffer.from(`${body.length.toString(16)}\r\n`), body, Buffer.from('\r\n0\r\n\r\n')].filter((_, i) => body.length > 0 || i === 2));
  else if (!r.headers.some(([k]) => k === 'content-length' || k === 'transfer-encoding')) headers.push(`content-length: ${body.length}`);
  // `connection: close` unless the request says otherwise (an upgrade, a keep-alive).
  if (!r.headers.some(([k]) => k === 'connection')) headers.push('connection: close');
  const head = `${r.method} ${r.target.replace(/[\r\n ]/g, '%20')} HTTP/1.1\r\nhost: ${host}\r\n${headers.join('\r\n')}\r\n\r\n`;
  return Buffer.concat([Buffer.from(head, 'latin1'), body]);
}

// ---- socket.io ----

/** A handshake `auth` object: tokens of every type, languages, traps. */
export const handshakeAuth: fc.Arbitrary<unknown> = fc.oneof(
  fc.record({ token: fc.oneof({ weight: 1, arbitrary: fc.constant(LENGTH_BOMB) }, { weight: 2, arbitrary: fc.constantFrom(...WIRE_TRAPS) }, { weight: 4, arbitrary: wireValue }), lang: fc.oneof(fc.constantFrom('uk', 'en', 'de', ''), wireValue) }, { requiredKeys: [] }),
  fc.record({ token: fc.constantFrom('kiosk-token-1', 'desk-token-1', 'admin-token-1', 'proc-kiosk-1', 'proc-desk-1', 'proc-admin-1'), lang: wireValue }, { requiredKeys: ['token'] }),
  fc.constantFrom(...WIRE_TRAPS),
  fc.dictionary(nastyString(8), wireValue, { maxKeys: 3 }),
  fc.record({ ticket: wireValue, token: wireValue }, { requiredKeys: [] }),
);

/** An event name: real ones of every namespace, unknown strings, and names that are not strings. */
export function eventName(known: readonly string[]): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...known) },
    { weight: 2, arbitrary: nastyString(20) },
    { weight: 1, arbitrary: fc.constantFrom(123, 0, -1, 1.5, 'connect_error_', 'snapshot', 'constructor', '__proto__', 'hasOwnProperty', 'toString') },
    { weight: 1, arbitrary: fc.constantFrom<unknown>(null, [], ['checkIn'], {}, { length: { valueOf: 0, toString: 0 } }, true) },
  );
}

/**
 * Payloads shaped like the events' own (the fields they name, valid values among hostile ones), so
 * the fuzz reaches past the first check; plus anything at all.
 */
export const FIELD_VALUES: Record<string, readonly unknown[]> = {
  commandId: ['abcdefgh12', 'fuzz-cmd-0001', 'short', 'x'.repeat(65), 'bad id!!!', ''],
  code: ['CODE000001', 'NOSUCHCODE', ''],
  service: ['DL_EXCHANGE', 'THEORY_EXAM', 'NOPE', 'dl_exchange', ''],
  time: ['10:00', '25:99', '9:00', ''],
  number: [1, 1056, 0, 99999, 100000, 1.5, -1],
  desk: [1, 2, 3, 0, 1000, 1.5],
  reason: ['break', 'other', 'lunch', 'nope'],
  active: [true, false, 'true', 1],
  suspended: [true, false, 'false', 0],
  applicationNumber: ['AB-1234', 'x', 'A'.repeat(40)],
  phoneLast4: ['1234', '123', 'abcd'],
  person: [{ kind: 'phone', value: '+380501234567' }, { kind: 'taxId', value: '1234567890' }, { kind: 'edrpou', value: '12345678' }, { kind: 'phone', value: '0501234567' }, { kind: 'nope' }, { kind: { length: { valueOf: 0, toString: 0 } } }],
  day: ['2026-03-10', '2026-13-40', ''],
  month: ['2026-03', '2026-00', ''],
};
export const FIELDS = Object.keys(FIELD_VALUES);

/** The fields an event's schema names (a union's branches together), so payloads look like its own. */
export function fieldsOf(ns: Namespace, name: unknown): string[] {
  const schema = typeof name === 'string' ? (CLIENT_EVENTS[ns] as Record<string, unknown>)[name] : undefined;
  const shapes = (s: unknown): string[] => {
    const z = s as { shape?: Record<string, unknown>; options?: unknown[] } | undefined;
    if (z?.shape) return Object.keys(z.shape);
    return z?.options?.flatMap(shapes) ?? [];
  };
  return shapes(schema).filter((f) => FIELDS.includes(f));
}

/** Replaces one value somewhere inside `doc` (by a path of choices) with a hostile one. */
export function mutate(doc: unknown, path: number[], value: unknown): unknown {
  if (path.length === 0 || doc === null || typeof doc !== 'object') return value;
  const keys = Object.keys(doc);
  if (keys.length === 0) return value;
  const key = keys[path[0]! % keys.length]!;
  const copy = (Array.isArray(doc) ? [...doc] : { ...doc }) as Record<string, unknown>;
  Object.defineProperty(copy, key, { value: mutate((doc as Record<string, unknown>)[key], path.slice(1), value), enumerable: true, writable: true, configurable: true });
  return copy;
}

export function eventPayload(fields: readonly string[] = FIELDS): fc.Arbitrary<unknown> {
  const known = fields.length ? fields : FIELDS;
  const shaped = fc
    .array(fc.tuple(fc.constantFrom(...known, ...FIELDS.slice(0, 2), 'extra', '__proto__'), fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...(FIELD_VALUES.commandId as unknown[])) }, { weight: 4, arbitrary: wireValue })), { maxLength: 5 })
    .chain((pairs) =>
      fc.tuple(...pairs.map(([k]) => fc.oneof(fc.constantFrom(...((Object.hasOwn(FIELD_VALUES, k) ? FIELD_VALUES[k]! : [null]) as unknown[])), wireValue).map((v) => [k, v] as const))).map((entries) => {
        const o: Record<string, unknown> = {};
        for (const [k, v] of entries) Object.defineProperty(o, k, { value: v, enumerable: true, configurable: true, writable: true });
        return o;
      }),
    );
  return fc.oneof({ weight: 4, arbitrary: shaped }, { weight: 2, arbitrary: wireValue }, { weight: 1, arbitrary: fc.constant(undefined) });
}

/** Arguments after the event name: none, one payload, or several (the hub takes one). */
export function eventArgs(fields?: readonly string[]): fc.Arbitrary<unknown[]> {
  return fc.oneof(
    { weight: 6, arbitrary: eventPayload(fields).map((p) => (p === undefined ? [] : [p])) },
    { weight: 1, arbitrary: fc.array(wireValue, { minLength: 2, maxLength: 3 }) },
  );
}

// ---- bytes ----

/** Garbage bytes: random, invalid UTF-8, control characters and the protocols' own framing bytes. */
export const garbageBytes = (maxLength = 80): fc.Arbitrary<Buffer> =>
  fc.oneof(
    fc.uint8Array({ maxLength }).map((a) => Buffer.from(a)),
    fc.array(fc.constantFrom(0x00, 0x01, 0x06, 0x07, 0x0a, 0x0d, 0x23, 0x40, 0x2a, 0x30, 0x31, 0x39, 0x41, 0x4e, 0x50, 0x7f, 0x80, 0xc0, 0xc3, 0xe0, 0xed, 0xa0, 0xff), { maxLength }).map((a) => Buffer.from(a)),
    fc.constantFrom(Buffer.from([0xe0, 0xa4]), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from([0xc0, 0xaf]), Buffer.from([0xff, 0xfe]), Buffer.from('\r\n')),
  );

/** Splits bytes into chunks at the given cut points, as a serial line delivers them. */
export function chunked(bytes: Buffer, cuts: number[]): Buffer[] {
  const points = [...new Set(cuts.map((c) => (bytes.length ? c % (bytes.length + 1) : 0)))].sort((a, b) => a - b);
  const out: Buffer[] = [];
  let last = 0;
  for (const p of points) {
    if (p > last) out.push(bytes.subarray(last, p));
    last = Math.max(last, p);
  }
  if (last < bytes.length) out.push(bytes.subarray(last));
  return out;
}

// ---- files ----

export const ALIAS_BOMB = ['a: &a [x, x, x, x, x, x, x, x, x]', ...['b', 'c', 'd', 'e', 'f', 'g'].map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdefg'[i]}`).join(', ')}]`)].join('\n');

/** Texts a config or bookings file may hold when someone got it wrong (or meant harm). */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ maxLength: 200, unit: 'binary' }),
  fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v) ?? ''),
  fc.constantFrom(
    '',
    '\uFEFF',
    '---\n...\n',
    'a: &a [*a]',
    ALIAS_BOMB,
    'a: *undefinedAlias',
    '!!binary |\n  AAAA',
    '!!js/function "function(){}"',
    '? [a, b]\n: c',
    '<<: {x: 1}',
    'centre: !!str',
    '__proto__: { polluted: true }',
    '{"__proto__": {"polluted": true}}',
    'centre:\n  id: { length: { valueOf: 0, toString: 0 } }',
    '\t\tkey: value',
    'key: "unterminated',
    '[1, 2',
    '{"a":',
    '[' + '['.repeat(5000),
    '['.repeat(20_000) + ']'.repeat(20_000),
    '{"bookings":' + '['.repeat(20_000),
    '{"bookings": {"length": {"valueOf": 0, "toString": 0}}}',
    '[{"length": {"valueOf": 0, "toString": 0}}]',
    '[null, null]',
    '{"bookings": [{"__proto__": {"id": "x"}}]}',
    '\ud800',
    '1e999',
  ),
);
