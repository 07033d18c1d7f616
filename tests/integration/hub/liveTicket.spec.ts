import { request } from 'node:http';
import { io as connect, type Socket } from 'socket.io-client';
import { describe, expect, it } from 'vitest';
import { at, booking } from '../../helpers/floor.js';
import { ask, cmdId, connected, startTestHub, TestClock, TOKENS, type TestHub } from '../../helpers/hub.js';
import { useTempDir } from '../../helpers/tmp.js';
import { composeLiveTicket, type LiveFloor, type LiveOwn, type LiveTicket } from '../../../sync/protocol/liveTicket.js';
import type { TicketView } from '../../../sync/protocol/hub.js';
import { HubPrinter } from '../../../main/hub/printing.js';
import { startVirtualPrinter } from '../../../hardware/printer/virtual/server.js';
import { testConfig } from '../../helpers/hub.js';
import { until } from '../sync/fixture.js';

const tempDir = useTempDir();

function phone(t: TestHub, ticket: unknown): Socket {
  const s = connect(`${t.hub.url}/ticket`, { auth: { ticket }, transports: ['websocket'], reconnection: false });
  t.clients.push(s);
  return s;
}

/** What a phone's page shows, made from the messages as the page makes it, with a wait for a state. */
interface Follower {
  view(): LiveTicket | null;
  /** Every own part the hub sent to this ticket. */
  owns: LiveOwn[];
  until(check: (v: LiveTicket) => boolean, ms?: number): Promise<LiveTicket>;
}

function follow(s: Socket): Follower {
  let own: LiveOwn | null = null;
  let floor: LiveFloor | null = null;
  const owns: LiveOwn[] = [];
  const waiters = new Set<() => void>();
  const changed = () => {
    for (const w of [...waiters]) w();
  };
  s.on('ticket', (o: LiveOwn) => {
    own = o;
    owns.push(o);
    changed();
  });
  s.on('floor', (f: LiveFloor) => {
    floor = f;
    changed();
  });
  const view = () => (own ? composeLiveTicket(own, floor) : null);
  return {
    view,
    owns,
    until(check, ms = 5000) {
      return new Promise((resolve, reject) => {
        const test = () => {
          const v = view();
          if (v && check(v)) {
            waiters.delete(test);
            clearTimeout(timer);
            resolve(v);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(test);
          reject(new Error(`the page did not get there; it shows ${JSON.stringify(view())}`));
        }, ms);
        waiters.add(test);
        test();
      });
    },
  };
}

function refused(s: Socket): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    s.once('connect', () => reject(new Error('connected')));
    s.once('connect_error', (err: Error & { data?: { code?: string } }) => resolve(err.data?.code));
  });
}

/** The ticket's live id from its link. */
const idOf = (ticket: TicketView) => /\/t\/([0-9a-f]{32})$/.exec(ticket.liveUrl ?? '')![1]!;

function get(url: string): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    request(url, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    })
      .on('error', reject)
      .end();
  });
}

async function floorWith(numbers: number[]) {
  const clock = new TestClock(at('09:30'));
  const bs = numbers.map((n) => booking(n, '10:00'));
  const t = await startTestHub(tempDir(), clock, bs);
  const kiosk = t.client('kiosk', TOKENS.kiosk);
  const desk = t.client('desk', TOKENS.desk(1));
  await Promise.all([kiosk, desk].map(connected));
  const tickets: TicketView[] = [];
  for (const b of bs) tickets.push(((await ask(kiosk, 'checkIn', { commandId: cmdId(), code: b.code })) as { ticket: TicketView }).ticket);
  return { t, clock, kiosk, desk, tickets, bs };
}

describe('the live ticket on the hub', () => {
  it('gives each checked-in visit a link with a 128-bit id that is not its booking code or id', async () => {
    const { t, tickets, bs } = await floorWith([1054, 1055]);
    try {
      const [a, b] = tickets.map(idOf);
      expect(a).toMatch(/^[0-9a-f]{32}$/);
      expect(a).not.toBe(b);
      expect(tickets[0]!.liveUrl).toBe(`${t.hub.url}/t/${a}`);
      for (const x of [bs[0]!.code, bs[0]!.id]) expect(tickets[0]!.liveUrl).not.toContain(x.toLowerCase());
    } finally {
      await t.stop();
    }
  });

  it('prints the link as a second QR on the paper ticket, and it decodes to the page', async () => {
    const virtual = await startVirtualPrinter();
    const dir = tempDir();
    const config = testConfig({ printer: { transport: 'tcp', address: virtual.address, codepage: 'cp1125', escT: 44, width: 48 } }, dir);
    const printer = new HubPrinter(config.printer!, { retryEveryMs: 20, pollEveryMs: 0, statusTimeoutMs: 200 });
    const b = booking(1056, '10:00');
    const t = await startTestHub(dir, new TestClock(at('09:30')), [b], config, { printer });
    try {
      const kiosk = t.client('kiosk', TOKENS.kiosk);
      await connected(kiosk);
      const { ticket } = (await ask(kiosk, 'checkIn', { commandId: cmdId(), code: b.code })) as { ticket: TicketView };
      await until(() => virtual.tickets.length === 1);
      const paper = virtual.tickets[0]!;
      expect(paper.qr).toEqual([b.code, ticket.liveUrl]);
      const served = await get(paper.qr[1]!);
      expect([200, 503]).toContain(served.status);
      const page = follow(phone(t, idOf(ticket)));
      await page.until((v) => v.number === 1056 && v.state === 'waiting' && v.ahead === 0);
    } finally {
      await t.stop();
      await virtual.close();
    }
  });

  it('follows the calls: people ahead go down, then "your turn: desk 1"', async () => {
    const { t, clock, desk, tickets } = await floorWith([1054, 1055, 1056]);
    try {
      const page = follow(phone(t, idOf(tickets[2]!)));
      const first = await page.until((v) => v.number === 1056);
      expect(first).toMatchObject({ state: 'waiting', ahead: 2, desk: null, alert: { active: false } });
      expect(first.waitMinutes).toBeGreaterThan(0);

      clock.advance(60_000);
      await ask(desk, 'callNext', { commandId: cmdId() });
      expect(await page.until((v) => v.ahead === 1)).toMatchObject({ calls: [{ number: 1054, desk: 1 }] });
      await ask(desk, 'finish', { commandId: cmdId() });
      await ask(desk, 'callNext', { commandId: cmdId() });
      await page.until((v) => v.state === 'waiting' && v.ahead === 0);
      // Calls from the front reach the page through the shared counters: the ticket itself was sent once.
      expect(page.owns).toHaveLength(1);
      await ask(desk, 'finish', { commandId: cmdId() });
      await ask(desk, 'callNext', { commandId: cmdId() });
      const called = await page.until((v) => v.state === 'called');
      expect(called).toMatchObject({ desk: 1, ahead: null });
      expect(called.calls.map((c) => c.number)).toEqual([1056, 1055, 1054]);
    } finally {
      await t.stop();
    }
  });

  it('shows the alert freeze with the place kept, and the resume', async () => {
    const { t, tickets } = await floorWith([1054, 1055]);
    try {
      const admin = t.client('admin', TOKENS.admin);
      await connected(admin);
      const page = follow(phone(t, idOf(tickets[1]!)));
      await page.until((v) => v.number === 1055);
      expect(await ask(admin, 'alert', { commandId: cmdId(), active: true })).toMatchObject({ ok: true });
      expect(await page.until((v) => v.alert.frozen)).toMatchObject({ state: 'waiting', ahead: 1, alert: { active: true, frozen: true } });
      await ask(admin, 'alert', { commandId: cmdId(), active: false });
      expect(await page.until((v) => !v.alert.active)).toMatchObject({ state: 'waiting', ahead: 1, alert: { active: false, frozen: false } });
    } finally {
      await t.stop();
    }
  });

  it('refuses a guessed, altered or malformed id, and a socket never hears another ticket', async () => {
    const { t, clock, desk, tickets, bs } = await floorWith([1054, 1055]);
    try {
      const real = idOf(tickets[1]!);
      const altered = real.slice(0, 31) + (real[31] === '0' ? '1' : '0');
      for (const bad of ['0'.repeat(32), altered, real.toUpperCase(), `${real}0`, 42, { length: { valueOf: 0 } }, null]) {
        expect(await refused(phone(t, bad))).toBe('NOT_FOUND');
      }
      const mine = phone(t, real);
      const heard: unknown[] = [];
      mine.onAny((event: string, payload: unknown) => heard.push({ event, payload }));
      const page = follow(mine);
      await page.until((v) => v.number === 1055);
      clock.advance(60_000);
      await ask(desk, 'callNext', { commandId: cmdId() });
      await page.until((v) => v.ahead === 0);
      expect(page.owns.every((o) => o.number === 1055)).toBe(true);
      const text = JSON.stringify(heard);
      expect(text).not.toMatch(/bookingId|checkedInAt|calledAt/);
      for (const b of bs) for (const secret of [b.code, b.id]) expect(text).not.toContain(secret);
      // Read-only: whatever a phone sends is refused and changes nothing.
      expect(await mine.timeout(2000).emitWithAck('callNext', { commandId: cmdId() })).toMatchObject({ ok: false, error: { code: 'READ_ONLY' } });
    } finally {
      await t.stop();
    }
  });

  it('serves the page at /t/{id} for a well-formed id and 404 for anything else', async () => {
    const { t, tickets } = await floorWith([1054]);
    try {
      const page = await get(`${t.hub.url}/t/${idOf(tickets[0]!)}`);
      expect([200, 503]).toContain(page.status); // 503 only where the renderer is not built
      if (page.status === 200) expect(page.body).toContain('talon-live');
      for (const bad of ['/t/xyz', '/t/%ZZ', '/t/', `/t/${'a'.repeat(33)}`]) expect((await get(`${t.hub.url}${bad}`)).status).toBe(404);
    } finally {
      await t.stop();
    }
  });
});
