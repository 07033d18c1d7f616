/**
 * The hub's limits over real sockets. Clients are bound to their own loopback addresses (127.0.0.x),
 * so the per-address limits see what they would see on a LAN. The test clock stands still, so a
 * bucket never refills while a test runs: the counts are exact.
 */
import { io as connect, type Socket } from 'socket.io-client';
import { describe, expect, it } from 'vitest';
import { configSchema, HUB_LIMIT_DEFAULTS, type HubLimits } from '../../../main/config/schema.js';
import { at, booking } from '../../helpers/floor.js';
import { cmdId, startTestHub, TestClock, testConfig, TOKENS, type TestHub } from '../../helpers/hub.js';
import { useTempDir } from '../../helpers/tmp.js';

const tempDir = useTempDir();

type AckT = { ok: boolean; error?: { code: string; message: string; retryAfterMs?: number } };

function from(t: TestHub, address: string, ns: string, auth: Record<string, unknown> = {}, extra: Record<string, unknown> = {}): Socket {
  const s = connect(`${t.hub.url}/${ns}`, { auth, transports: ['websocket'], reconnection: false, forceNew: true, localAddress: address, ...extra } as never);
  t.clients.push(s);
  return s;
}

function outcome(s: Socket): Promise<{ connected: true } | { connected: false; code: string; retryAfterMs?: number }> {
  return new Promise((resolve) => {
    s.once('connect', () => resolve({ connected: true }));
    s.once('connect_error', (err: Error & { data?: { code?: string; retryAfterMs?: number } }) =>
      resolve({ connected: false, code: err.data?.code ?? err.message, ...(err.data?.retryAfterMs !== undefined && { retryAfterMs: err.data.retryAfterMs }) }),
    );
  });
}

function ack(s: Socket, event: string, payload: unknown = {}): Promise<AckT> {
  return s.timeout(5000).emitWithAck(event, payload) as Promise<AckT>;
}

/** The defaults, but for new sockets per address, which only their own test limits. */
function limits(over: Partial<HubLimits>): Partial<HubLimits> {
  return { ...HUB_LIMIT_DEFAULTS, handshakes: { perSecond: 1000, burst: 1000 }, handshakesTotal: { perSecond: 1000, burst: 1000 }, ...over };
}

async function hub(over: Partial<HubLimits>, config = testConfig({}, tempDir())) {
  const clock = new TestClock(at('09:30'));
  const bookings = [booking(1056, '10:00'), booking(1057, '10:00')];
  const t = await startTestHub(config.data.dir, clock, bookings, config, {}, limits(over));
  return { t, clock, bookings };
}

describe('the hub limits what one client may ask', () => {
  it('answers a flooding kiosk RATE_LIMITED with a retry-after, every event, while a desk goes on being answered', async () => {
    const { t } = await hub({ perSocket: { perSecond: 5, burst: 20 } });
    try {
      const kiosk = from(t, '127.0.0.2', 'kiosk', { token: TOKENS.kiosk });
      const desk = from(t, '127.0.0.3', 'desk', { token: TOKENS.desk(1) });
      await Promise.all([outcome(kiosk), outcome(desk)]);
      const flood = Array.from({ length: 300 }, () => ack(kiosk, 'services'));
      const deskAnswers = [];
      for (let i = 0; i < 10; i++) deskAnswers.push(await ack(desk, i % 2 ? 'resume' : 'pause', { commandId: cmdId() }));
      const answers = await Promise.all(flood);
      // Never silence: every event of the flood has its answer.
      expect(answers).toHaveLength(300);
      expect(answers.filter((a) => a.ok)).toHaveLength(20);
      const refused = answers.filter((a) => !a.ok);
      expect(refused).toHaveLength(280);
      for (const a of refused) {
        expect(a.error).toMatchObject({ code: 'RATE_LIMITED' });
        expect(a.error!.retryAfterMs).toBeGreaterThan(0);
        expect(a.error!.message).toMatch(/Спробуйте знову через \d+ секунд/);
      }
      expect(deskAnswers.every((a) => a.ok)).toBe(true);
    } finally {
      await t.stop();
    }
  });

  it("shares one bucket among an address's sockets, and another address keeps its own", async () => {
    const { t } = await hub({ perSocket: { perSecond: 1000, burst: 1000 }, perAddress: { perSecond: 1, burst: 10 } });
    try {
      const [a, b, c] = [from(t, '127.0.0.4', 'kiosk', { token: TOKENS.kiosk }), from(t, '127.0.0.4', 'kiosk', { token: TOKENS.kiosk }), from(t, '127.0.0.5', 'kiosk', { token: TOKENS.kiosk })];
      await Promise.all([a, b, c].map(outcome));
      const answers = await Promise.all([...Array.from({ length: 8 }, () => ack(a, 'services')), ...Array.from({ length: 8 }, () => ack(b, 'services'))]);
      expect(answers.filter((x) => x.ok)).toHaveLength(10);
      expect(answers.filter((x) => x.error?.code === 'RATE_LIMITED')).toHaveLength(6);
      expect(await ack(c, 'services')).toMatchObject({ ok: true });
    } finally {
      await t.stop();
    }
  });

  it('tells a socket flooding without acks once per streak, not per event', async () => {
    const { t } = await hub({ perSocket: { perSecond: 1, burst: 2 } });
    try {
      const kiosk = from(t, '127.0.0.6', 'kiosk', { token: TOKENS.kiosk });
      await outcome(kiosk);
      const problems: { error: { code: string } }[] = [];
      kiosk.on('problem', (p: { error: { code: string } }) => problems.push(p));
      for (let i = 0; i < 50; i++) kiosk.emit('services', {});
      // An acked event after the flood: its answer comes after every problem the flood caused.
      expect(await ack(kiosk, 'services')).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
      expect(problems.map((p) => p.error.code)).toEqual(['BAD_PAYLOAD', 'BAD_PAYLOAD', 'RATE_LIMITED']);
    } finally {
      await t.stop();
    }
  });

  it('limits the read-only /ticket sockets the same way', async () => {
    const { t, bookings } = await hub({ perSocket: { perSecond: 1, burst: 3 } });
    try {
      const kiosk = from(t, '127.0.0.7', 'kiosk', { token: TOKENS.kiosk });
      await outcome(kiosk);
      const checkIn = await ack(kiosk, 'checkIn', { commandId: cmdId(), code: bookings[0]!.code });
      expect(checkIn).toMatchObject({ ok: true });
      const id = t.hub.live!.idFor(bookings[0]!.id);
      const phone = from(t, '127.0.0.8', 'ticket', { ticket: id });
      expect(await outcome(phone)).toEqual({ connected: true });
      const answers = await Promise.all(Array.from({ length: 6 }, () => ack(phone, 'anything')));
      expect(answers.map((a) => a.error?.code)).toEqual(['READ_ONLY', 'READ_ONLY', 'READ_ONLY', 'RATE_LIMITED', 'RATE_LIMITED', 'RATE_LIMITED']);
    } finally {
      await t.stop();
    }
  });
});

describe('the hub caps connections', () => {
  it('refuses the connection past the cap of an address with TOO_MANY_CONNECTIONS, and admits it again after one closed', async () => {
    const { t } = await hub({ connectionsPerAddress: 3 });
    try {
      const boards = Array.from({ length: 3 }, () => from(t, '127.0.0.9', 'board'));
      expect(await Promise.all(boards.map(outcome))).toEqual(Array(3).fill({ connected: true }));
      expect(await outcome(from(t, '127.0.0.9', 'desk', { token: TOKENS.desk(1) }))).toMatchObject({ connected: false, code: 'TOO_MANY_CONNECTIONS' });
      expect(await outcome(from(t, '127.0.0.10', 'board'))).toEqual({ connected: true });
      const gone = new Promise((r) => boards[0]!.once('disconnect', r));
      boards[0]!.close();
      await gone;
      // The hub counts the socket gone once it has seen it close.
      await new Promise((r) => setTimeout(r, 50));
      expect(await outcome(from(t, '127.0.0.9', 'board'))).toEqual({ connected: true });
    } finally {
      await t.stop();
    }
  });

  it('refuses new sockets from an address past its handshake bucket, and another address still connects', async () => {
    const { t } = await hub({ handshakes: { perSecond: 1, burst: 3 } });
    try {
      for (let i = 0; i < 3; i++) expect(await outcome(from(t, '127.0.0.17', 'board'))).toEqual({ connected: true });
      expect(await outcome(from(t, '127.0.0.17', 'board'))).toMatchObject({ connected: false });
      expect(await outcome(from(t, '127.0.0.18', 'board'))).toEqual({ connected: true });
    } finally {
      await t.stop();
    }
  });

  it('spreads out a storm of new sockets from many addresses, and the ones already open go on', async () => {
    const { t } = await hub({ handshakesTotal: { perSecond: 1, burst: 3 } });
    try {
      const desk = from(t, '127.0.0.19', 'desk', { token: TOKENS.desk(1) });
      expect(await outcome(desk)).toEqual({ connected: true });
      const boards = await Promise.all([20, 21, 22, 23].map((n) => outcome(from(t, `127.0.0.${n}`, 'board'))));
      expect(boards.filter((b) => b.connected)).toHaveLength(2);
      expect(await ack(desk, 'pause', { commandId: cmdId() })).toMatchObject({ ok: true });
    } finally {
      await t.stop();
    }
  });

  it('caps each namespace', async () => {
    const { t } = await hub({ connectionsPerNamespace: { ...HUB_LIMIT_DEFAULTS.connectionsPerNamespace, admin: 2 } });
    try {
      const admins = [from(t, '127.0.0.11', 'admin', { token: TOKENS.admin }), from(t, '127.0.0.12', 'admin', { token: TOKENS.admin })];
      expect(await Promise.all(admins.map(outcome))).toEqual([{ connected: true }, { connected: true }]);
      expect(await outcome(from(t, '127.0.0.13', 'admin', { token: TOKENS.admin }))).toMatchObject({ connected: false, code: 'TOO_MANY_CONNECTIONS' });
      expect(await outcome(from(t, '127.0.0.13', 'kiosk', { token: TOKENS.kiosk }))).toEqual({ connected: true });
    } finally {
      await t.stop();
    }
  });

  it("throttles an address's refused handshakes, logs them once per window, and leaves other addresses alone", async () => {
    const { t, clock } = await hub({ handshakeFailures: { perWindow: 3, windowSeconds: 60 } });
    try {
      for (let i = 0; i < 5; i++) expect(await outcome(from(t, '127.0.0.14', 'desk', { token: `wrong-token-${i}` }))).toMatchObject({ connected: false });
      // Even the right token waits for the window to end, and is told how long.
      const throttled = await outcome(from(t, '127.0.0.14', 'desk', { token: TOKENS.desk(1) }));
      expect(throttled).toMatchObject({ connected: false, code: 'RATE_LIMITED' });
      expect((throttled as { retryAfterMs: number }).retryAfterMs).toBeGreaterThan(0);
      expect(await outcome(from(t, '127.0.0.15', 'desk', { token: TOKENS.desk(1) }))).toEqual({ connected: true });
      const lines = t.log.entries.filter((e) => e.msg.startsWith('refused a connection') && e.fields.address === '127.0.0.14');
      expect(lines).toHaveLength(1);
      clock.advance(60_000);
      expect(await outcome(from(t, '127.0.0.14', 'desk', { token: TOKENS.desk(1) }))).toEqual({ connected: true });
    } finally {
      await t.stop();
    }
  });
});

describe('the hub accepts sockets only from its own pages', () => {
  it('refuses a page of another origin on /admin, and takes its own, a configured one and no Origin at all', async () => {
    const config = configSchema.parse({ ...testConfig({}, tempDir()), hub: { ...testConfig().hub, allowedOrigins: ['http://console.centre.lan:8080'] } });
    const { t } = await hub({}, config);
    try {
      const withOrigin = (origin?: string) => from(t, '127.0.0.16', 'admin', { token: TOKENS.admin }, origin ? { extraHeaders: { origin } } : {});
      expect(await outcome(withOrigin('http://evil.example'))).toMatchObject({ connected: false });
      expect(await outcome(withOrigin(`http://evil.example:${t.hub.port}`))).toMatchObject({ connected: false });
      expect(await outcome(withOrigin('null'))).toMatchObject({ connected: false });
      expect(await outcome(withOrigin(t.hub.url))).toEqual({ connected: true });
      expect(await outcome(withOrigin('http://console.centre.lan:8080'))).toEqual({ connected: true });
      expect(await outcome(withOrigin())).toEqual({ connected: true });
    } finally {
      await t.stop();
    }
  });
});

describe('the spoken call over HTTP', () => {
  it('answers past the bucket of an address 429 with Retry-After', async () => {
    const config = configSchema.parse({ ...testConfig({}, tempDir()), speech: { enabled: false } });
    const { t } = await hub({ audio: { perSecond: 1, burst: 3, queue: 2 } }, config);
    try {
      const statuses = [];
      for (let i = 0; i < 5; i++) {
        const res = await fetch(`${t.hub.url}/audio/call.wav?number=1056&desk=3`);
        statuses.push([res.status, res.headers.get('retry-after')]);
      }
      expect(statuses).toEqual([[404, null], [404, null], [404, null], [429, '1'], [429, '1']]);
    } finally {
      await t.stop();
    }
  });
});
