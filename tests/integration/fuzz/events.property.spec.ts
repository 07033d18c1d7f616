/**
 * Every client event's payload on every namespace (issue 8): each name of CLIENT_EVENTS
 * (sync/protocol/hub.ts), names of other namespaces, unknown names and names that are not strings,
 * with hostile payloads shaped like the events' own. Every event sent with an ack gets a well-formed
 * ack, `{ ok: false, error: { code, message } }` for invalid input; an invalid input changes neither
 * the floor nor the store; nothing throws out of the hub; the client can always connect again.
 */
import fc from 'fast-check';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HubExtension, HubPorts } from '../../../main/hub/extensions.js';
import { CLIENT_EVENTS, type Namespace } from '../../../sync/protocol/hub.js';
import { at, booking } from '../../helpers/floor.js';
import { hubDigest } from '../../helpers/floorDigest.js';
import { catchEscapes, emitRaw, healthy, parserAccepts, reconnected, validEvent, wellFormedAck, wireBytes } from '../../helpers/fuzzClients.js';
import { eventArgs, eventName, fieldsOf, LENGTH_BOMB, liveTraps } from '../../helpers/hostile.js';
import { ask, cmdId, connected, startTestHub, TestClock, TOKENS, type TestHub } from '../../helpers/hub.js';
import { useTempDir } from '../../helpers/tmp.js';

const tempDir = useTempDir('talon-fuzz-events-');
const MAX_MESSAGE_BYTES = 16 * 1024;
const NAMESPACES = ['kiosk', 'desk', 'admin', 'board'] as const satisfies readonly Namespace[];
const ALL_NAMES = [...new Set(NAMESPACES.flatMap((ns) => Object.keys(CLIENT_EVENTS[ns])))];
let hub: TestHub;
const sockets = {} as Record<Namespace, Socket>;
const escaped = catchEscapes();
/** What a device bridge (scanner, desk bus) gets to run commands through: the same path as a socket's. */
let ports: HubPorts;


const input = fc.constantFrom(...NAMESPACES).chain((ns) =>
  eventName([...Object.keys(CLIENT_EVENTS[ns]), ...ALL_NAMES]).chain((name) =>
    fc.record({ ns: fc.constant(ns), name: fc.constant(name), args: eventArgs(fieldsOf(ns, name)), noAck: fc.nat(3).map((n) => n === 0) }),
  ),
);

/** Checks one input against the hub; returns what went wrong, or null. */
async function check(ns: Namespace, name: unknown, args: unknown[], noAck: boolean): Promise<string | null> {
  const socket = sockets[ns];
  if (!(await reconnected(socket))) return `the ${ns} client cannot connect again`;
  const before = hubDigest(hub.hub.floor, hub.store.db);
  const n = escaped.length;
  const out = await emitRaw(socket, name, args, { noAck, timeoutMs: 3000 });
  if (escaped.length > n) return `escaped the hub: ${escaped.slice(n).map(String).join('; ')}`;
  const oversize = wireBytes(name, args) > MAX_MESSAGE_BYTES - 64;
  const valid = validEvent(ns, name, args);
  if (out.kind === 'timeout') return 'no answer';
  if (out.kind === 'disconnect' && !oversize && parserAccepts(name)) return 'the hub dropped the connection';
  if (out.kind === 'ack') {
    if (!wellFormedAck(out.ack)) return `a malformed ack: ${JSON.stringify(out.ack)}`;
    if (!valid && (out.ack as { ok: boolean }).ok) return `invalid input acked ok: ${JSON.stringify(out.ack)}`;
  }
  if (!valid && hubDigest(hub.hub.floor, hub.store.db) !== before) return 'an invalid input changed the floor or the store';
  if (!(await reconnected(socket))) return `the ${ns} client cannot connect again`;
  return null;
}

describe('client events into a real hub', () => {
  beforeAll(async () => {
    const bridge: HubExtension = {
      name: 'fuzz-bridge',
      attach: (p) => {
        ports = p;
      },
    };
    hub = await startTestHub(tempDir(), new TestClock(at('09:30')), [booking(1056, '10:00'), booking(1057, '10:00'), booking(1058, '10:15', { service: 'THEORY_EXAM' })], undefined, { others: [bridge] });
    const tokens: Record<Namespace, string | undefined> = { kiosk: TOKENS.kiosk, desk: TOKENS.desk(2), admin: TOKENS.admin, board: undefined };
    for (const ns of NAMESPACES) {
      sockets[ns] = hub.client(ns, tokens[ns]);
      await connected(sockets[ns]);
    }
  });
  afterAll(async () => {
    await hub?.stop();
  });

  it('answers the events of issue 8 that stopped it', async () => {
    const cases: [Namespace, unknown, unknown[]][] = [
      ['kiosk', 123, [{}]],
      ['desk', 123, [{}]],
      ['kiosk', 'checkIn', [{ commandId: 'abcdefgh12', code: LENGTH_BOMB }]],
      ['desk', 'callNext', [{ commandId: LENGTH_BOMB }]],
      ['admin', 'pairDesk', [{ commandId: LENGTH_BOMB, desk: 1 }]],
    ];
    const seen = [];
    for (const [ns, name, args] of cases) seen.push({ ns, name, problem: await check(ns, name, args, false) });
    expect(seen).toEqual(cases.map(([ns, name]) => ({ ns, name, problem: null })));
  });

  it('answers a device bridge\'s command with in-process hostile values (throwing getters, proxies) with an ack', async () => {
    const actors = { kiosk: { role: 'kiosk', id: 'kiosk:1' }, desk: { role: 'desk', id: 'desk:2', desk: 2 }, admin: { role: 'admin', id: 'admin:1' }, board: { role: 'board', id: 'board' } } as const;
    const seen = [];
    for (const ns of NAMESPACES) {
      for (const name of Object.keys(CLIENT_EVENTS[ns])) {
        for (const [i, trap] of liveTraps().entries()) {
          for (const payload of [trap, { commandId: 'abcdefgh12', code: trap, number: trap, person: trap, desk: trap }]) {
            const before = hubDigest(hub.hub.floor, hub.store.db);
            let ack: unknown;
            try {
              ack = await ports.dispatch(actors[ns], name, payload);
            } catch (err) {
              ack = `threw ${String(err)}`;
            }
            // An empty object without a prototype is a valid `{}` for the events that take one.
            let valid = false;
            try {
              valid = (CLIENT_EVENTS[ns] as Record<string, { safeParse(v: unknown): { success: boolean } }>)[name]!.safeParse(payload).success;
            } catch {
              valid = false;
            }
            const ok = wellFormedAck(ack) && (valid || ((ack as { ok: boolean }).ok === false && hubDigest(hub.hub.floor, hub.store.db) === before));
            if (!ok) seen.push(`${ns}.${name} trap ${i}: ${typeof ack === 'string' ? ack : JSON.stringify(ack)}`);
          }
        }
      }
    }
    expect(seen).toEqual([]);
  });

  it('answers any event on a live ticket (/ticket) as read-only and changes nothing', async () => {
    const bookings = [...hub.hub.floor.state().bookings.values()];
    const b = bookings.find((x) => !hub.hub.floor.state().visits.has(x.id))!;
    const checkedIn = (await ask(sockets.kiosk, 'checkIn', { commandId: cmdId(), code: b.code })) as { ok: boolean; ticket?: { liveUrl?: string } };
    expect(checkedIn.ok).toBe(true);
    const id = /\/t\/([^/?#]+)/.exec(checkedIn.ticket?.liveUrl ?? '')?.[1];
    expect(id).toBeTruthy();
    const ticket = io(`${hub.hub.url}/ticket`, { auth: { ticket: id }, transports: ['websocket'], reconnectionDelay: 50, reconnectionDelayMax: 200 });
    hub.clients.push(ticket);
    expect(await reconnected(ticket)).toBe(true);
    await fc.assert(
      fc.asyncProperty(eventName(ALL_NAMES), eventArgs(), async (name, args) => {
        const before = hubDigest(hub.hub.floor, hub.store.db);
        const n = escaped.length;
        const out = await emitRaw(ticket, name, args, { timeoutMs: 3000 });
        expect(escaped.slice(n).map(String)).toEqual([]);
        expect(out.kind).not.toBe('timeout');
        if (out.kind === 'ack') expect(out.ack).toMatchObject({ ok: false, error: { code: 'READ_ONLY', message: expect.any(String) } });
        if (out.kind === 'disconnect') expect(!parserAccepts(name) || wireBytes(name, args) > MAX_MESSAGE_BYTES - 64).toBe(true);
        expect(hubDigest(hub.hub.floor, hub.store.db)).toBe(before);
        expect(await reconnected(ticket)).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('acks every event as the protocol says and lets no invalid one change anything', async () => {
    await fc.assert(
      fc.asyncProperty(input, async ({ ns, name, args, noAck }) => {
        expect(await check(ns, name, args, noAck)).toBeNull();
      }),
      { numRuns: 200 },
    );
    expect(await healthy(hub.hub.url)).toBe(true);
  });
});
