/**
 * The inputs that once stopped a whole centre (issue 8), sent to a real `talon serve` process: after
 * each one the process is still running and still answers, over HTTP and over its sockets. And the
 * last resort: an error nothing catches ends `talon serve` with exit code 70, logged with its stack.
 */
import type { ChildProcess } from 'node:child_process';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, bookingsNow, deskToken, importBookings, KIOSK_TOKEN, noonZone, startHubProcess, writeConfig } from '../../helpers/hubProcess.js';
import { useTempDir } from '../../helpers/tmp.js';

const tempDir = useTempDir('talon-hostile-');
const SERVICES = ['DL_EXCHANGE'];
/** Passes a JSON round trip, and throws in any code that makes a string of it. */
const HOSTILE = { length: { valueOf: 0, toString: 0 } };

type AckT = { ok: boolean; error?: { code: string } };

function open(url: string, ns: string, auth: Record<string, unknown>): Socket {
  return connect(`${url}/${ns}`, { auth, transports: ['websocket'], reconnection: false, forceNew: true });
}

function connectedOrRefused(s: Socket): Promise<{ connected: true } | { connected: false; code: string }> {
  return new Promise((resolve) => {
    s.once('connect', () => resolve({ connected: true }));
    s.once('connect_error', (err: Error & { data?: { code?: string } }) => resolve({ connected: false, code: err.data?.code ?? err.message }));
  });
}

describe('hostile inputs against a real hub process', () => {
  let child: ChildProcess;
  let url: string;
  let stderr = '';
  let desk: Socket;
  let seq = 0;
  const cmd = () => `hostile-${process.pid}-${++seq}`;

  beforeAll(async () => {
    const dir = tempDir();
    const timezone = noonZone(Date.now());
    const configPath = writeConfig({ dir, desks: 1, services: SERVICES, timezone });
    await importBookings(configPath, bookingsNow(timezone, 20, SERVICES), dir);
    ({ child, url } = await startHubProcess(configPath));
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    desk = open(url, 'desk', { token: deskToken(1) });
    expect(await connectedOrRefused(desk)).toEqual({ connected: true });
  }, 60_000);

  afterAll(() => {
    desk?.close();
    child?.kill('SIGTERM');
  });

  /** The process runs, /health answers and a desk command is acknowledged. */
  async function stillServing(): Promise<void> {
    expect(child.exitCode, `the hub exited: ${stderr}`).toBeNull();
    expect((await fetch(`${url}/health`)).status).toBe(200);
    const ack = (await desk.timeout(5000).emitWithAck('pause', { commandId: cmd() })) as AckT;
    expect(ack.ok || ack.error?.code === 'ALREADY_PAUSED').toBe(true);
    expect(((await desk.timeout(5000).emitWithAck('resume', { commandId: cmd() })) as AckT).ok).toBe(true);
  }

  it('answers a malformed %-escape in an asset path with 404', async () => {
    for (const path of ['/assets/%E0%A4%A', '/assets/%ZZ', '/assets/%', '/kiosk/%C0%AF', '/t/%FF']) {
      const res = await fetch(`${url}${path}`);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      await stillServing();
    }
  });

  it('refuses a handshake whose token is a hostile object on every namespace, the anonymous board included', async () => {
    for (const ns of ['board', 'kiosk', 'desk', 'admin', 'ticket']) {
      for (const auth of [{ token: HOSTILE }, { lang: HOSTILE }, HOSTILE, { ticket: HOSTILE }]) {
        const s = open(url, ns, auth);
        try {
          const r = await connectedOrRefused(s);
          // A token or language it cannot read is refused; a field the handshake does not know is
          // ignored (an anonymous board needs no token), and nothing stops the hub either way.
          if ('token' in auth || 'lang' in auth || ns === 'ticket' || ns !== 'board') expect(r, `${ns} ${JSON.stringify(auth)}`).toMatchObject({ connected: false });
        } finally {
          s.close();
        }
      }
      await stillServing();
    }
  });

  it('answers an event named by a number with UNKNOWN_EVENT', async () => {
    const kiosk = open(url, 'kiosk', { token: KIOSK_TOKEN });
    try {
      expect(await connectedOrRefused(kiosk)).toEqual({ connected: true });
      const ack = (await kiosk.timeout(5000).emitWithAck(123 as unknown as string, {})) as AckT;
      expect(ack).toMatchObject({ ok: false, error: { code: 'UNKNOWN_EVENT' } });
      const fromDesk = (await desk.timeout(5000).emitWithAck(0 as unknown as string)) as AckT;
      expect(fromDesk).toMatchObject({ ok: false, error: { code: 'UNKNOWN_EVENT' } });
      await stillServing();
    } finally {
      kiosk.close();
    }
  });

  it('answers a hostile object inside an event field with BAD_PAYLOAD', async () => {
    const kiosk = open(url, 'kiosk', { token: KIOSK_TOKEN });
    const admin = open(url, 'admin', { token: ADMIN_TOKEN });
    try {
      expect(await Promise.all([connectedOrRefused(kiosk), connectedOrRefused(admin)])).toEqual([{ connected: true }, { connected: true }]);
      const sent: [Socket, string, unknown][] = [
        [kiosk, 'checkIn', { commandId: 'abcdefgh12', code: HOSTILE }],
        [kiosk, 'book', { commandId: 'abcdefgh13', service: HOSTILE, time: '10:00', person: HOSTILE }],
        [desk, 'callNext', { commandId: HOSTILE }],
        [desk, 'transfer', { commandId: 'abcdefgh14', service: HOSTILE }],
        [desk, 'callNext', HOSTILE],
        [admin, 'unblockPerson', { commandId: 'abcdefgh15', person: { kind: 'phone', value: HOSTILE } }],
        [admin, 'reportFor', { day: HOSTILE }],
      ];
      for (const [socket, event, payload] of sent) {
        const ack = (await socket.timeout(5000).emitWithAck(event, payload)) as AckT;
        expect(ack, event).toMatchObject({ ok: false, error: { code: 'BAD_PAYLOAD' } });
        await stillServing();
      }
    } finally {
      kiosk.close();
      admin.close();
    }
  });
});

describe("talon serve's last resort", () => {
  for (const point of ['uncaught-after-ready', 'rejected-after-ready']) {
    it(`logs an error nothing caught with its stack and exits 70 (${point})`, async () => {
      const dir = tempDir();
      const configPath = writeConfig({ dir, desks: 1, services: SERVICES, timezone: noonZone(Date.now()) });
      // The error comes right after `ready`: the process may be gone before this reads on.
      const { stderr, closed } = await startHubProcess(configPath, { TALON_TEST_CRASH_AT: point });
      const code = await closed;
      const err = stderr();
      expect(code).toBe(70);
      expect(err).toMatch(/a test (exception|rejection) nothing catches\n\s+at /);
      expect(err.match(/talon serve: /g)).toHaveLength(1);
    }, 60_000);
  }
});
