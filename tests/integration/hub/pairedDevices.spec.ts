/**
 * Paired desk consoles against a real hub: a token of their own, kept only as a hash; revoked →
 * dropped at once and refused after; the pairing throttle per client address (127.0.0.2 vs 127.0.0.3).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Socket } from 'socket.io-client';
import { describe, expect, it } from 'vitest';
import type { PairedDeviceView } from '../../../sync/protocol/hub.js';
import { MAX_FAILURES_GLOBAL, MAX_FAILURES_PER_ADDRESS } from '../../../main/hub/pairing.js';
import { at } from '../../helpers/floor.js';
import { ask, cmdId, connected, next, startTestHub, TestClock, TOKENS, type TestHub } from '../../helpers/hub.js';
import { useTempDir } from '../../helpers/tmp.js';
import { postPair } from '../../helpers/pair.js';

const tempDir = useTempDir();

async function issueCode(admin: Socket, desk: number): Promise<string> {
  const issued = await ask<{ ok: boolean; code: string }>(admin, 'pairDesk', { commandId: cmdId(), desk });
  expect(issued.ok).toBe(true);
  return issued.code;
}

async function pairDesk(t: TestHub, admin: Socket, desk: number, from = '127.0.0.2'): Promise<string> {
  const res = await postPair(t.hub.url, JSON.stringify({ code: await issueCode(admin, desk) }), from);
  expect(res.status).toBe(200);
  return (res.json as { token: string }).token;
}

function refused(socket: Socket): Promise<{ message: string; data?: { code: string } }> {
  return new Promise((resolve) => socket.once('connect_error', (err) => resolve(err as never)));
}

describe('paired desk consoles', () => {
  it('signs a console in with its own token, kept only as a SHA-256, and notes when and where it was seen', async () => {
    const clock = new TestClock(at('09:30'));
    const t = await startTestHub(tempDir(), clock);
    try {
      const admin = t.client('admin', TOKENS.admin);
      await connected(admin);
      const token = await pairDesk(t, admin, 2);
      expect(token).toMatch(/^[0-9a-f]{32}$/);
      clock.advance(60_000);
      const desk = t.client('desk', token);
      expect((await connected(desk)).desk?.number).toBe(2);
      expect(await ask(desk, 'callNext', { commandId: cmdId() })).toMatchObject({ ok: false, error: { code: 'QUEUE_EMPTY' } });
      const list = await ask<{ ok: boolean; devices: PairedDeviceView[] }>(admin, 'pairedDevices', {});
      expect(list.devices).toEqual([
        { id: expect.stringMatching(/^dev-[0-9a-f]{16}$/), desk: 2, pairedAt: at('09:30'), lastSeen: at('09:31'), address: '127.0.0.1', revokedAt: null },
      ]);
      // The database holds the hash and never the token.
      const db = new Database(t.file, { readonly: true });
      const rows = db.prepare('SELECT token_hash FROM paired_devices').all() as { token_hash: string }[];
      db.close();
      expect(rows).toEqual([{ token_hash: createHash('sha256').update(token).digest('hex') }]);
      const dir = join(t.file, '..');
      for (const f of readdirSync(dir).filter((n) => n.startsWith('talon.db'))) expect(readFileSync(join(dir, f)).includes(token)).toBe(false);
    } finally {
      await t.stop();
    }
  });

  it('on revoke drops that console at once and refuses its token from then on; the desk token and other consoles go on', async () => {
    const dir = tempDir();
    const clock = new TestClock(at('09:30'));
    let t = await startTestHub(dir, clock);
    try {
      const admin = t.client('admin', TOKENS.admin);
      await connected(admin);
      const first = await pairDesk(t, admin, 2);
      clock.advance(1000);
      const second = await pairDesk(t, admin, 2, '127.0.0.3');
      const a = t.client('desk', first);
      const b = t.client('desk', second);
      const configured = t.client('desk', TOKENS.desk(2));
      await Promise.all([a, b, configured].map(connected));
      const devices = (await ask<{ devices: PairedDeviceView[] }>(admin, 'pairedDevices', {})).devices;
      expect(devices.map((d) => d.address)).toEqual(['127.0.0.1', '127.0.0.1']);
      const victim = devices[0]!;
      expect(victim.pairedAt).toBe(at('09:30'));

      const dropped = new Promise<string>((resolve) => a.once('disconnect', (reason) => resolve(reason)));
      const update = next<PairedDeviceView[]>(admin, 'pairedDevices');
      clock.advance(4_000);
      const answer = await ask<{ ok: boolean; devices: PairedDeviceView[] }>(admin, 'revokeDevice', { commandId: cmdId(), device: victim.id });
      expect(answer.ok).toBe(true);
      expect(await dropped).toBe('io server disconnect');
      expect((await update).find((d) => d.id === victim.id)?.revokedAt).toBe(at('09:30') + 5_000);
      // Revoking again changes nothing; an unknown device is a bad payload.
      expect(await ask(admin, 'revokeDevice', { commandId: cmdId(), device: victim.id })).toMatchObject({ ok: true });
      expect(await ask(admin, 'revokeDevice', { commandId: cmdId(), device: 'dev-0000000000000000' })).toMatchObject({ ok: false, error: { code: 'BAD_PAYLOAD' } });
      expect(await ask(admin, 'revokeDevice', { commandId: cmdId(), device: { length: 1 } })).toMatchObject({ ok: false, error: { code: 'BAD_PAYLOAD' } });

      const again = t.client('desk', first);
      expect((await refused(again)).data?.code).toBe('UNAUTHORIZED');
      again.close();
      expect(b.connected && configured.connected).toBe(true);
      expect(await ask(b, 'sync', {})).toMatchObject({ ok: true });
      expect(await ask(configured, 'sync', {})).toMatchObject({ ok: true });

      // After a restart of the hub: the revoked token is still refused, the other still signs in.
      await t.stop();
      t = await startTestHub(dir, clock);
      const later = t.client('desk', first);
      expect((await refused(later)).data?.code).toBe('UNAUTHORIZED');
      later.close();
      expect((await connected(t.client('desk', second))).desk?.number).toBe(2);
    } finally {
      await t.stop();
    }
  });

  it("a stranger's wrong codes from 127.0.0.3 never lock out the right code from 127.0.0.2", async () => {
    const t = await startTestHub(tempDir(), new TestClock(at('09:30')));
    try {
      const admin = t.client('admin', TOKENS.admin);
      await connected(admin);
      const code = await issueCode(admin, 1);
      const wrong = code === '000000' ? '000001' : '000000';
      const statuses: number[] = [];
      for (let i = 0; i <= MAX_FAILURES_PER_ADDRESS; i++) statuses.push((await postPair(t.hub.url, JSON.stringify({ code: wrong }), '127.0.0.3')).status);
      expect(statuses).toEqual([...Array<number>(MAX_FAILURES_PER_ADDRESS).fill(403), 429]);
      // The stranger is throttled even with the right code; the desk's console is not.
      expect((await postPair(t.hub.url, JSON.stringify({ code }), '127.0.0.3')).status).toBe(429);
      const right = await postPair(t.hub.url, JSON.stringify({ code }), '127.0.0.2');
      expect(right).toMatchObject({ status: 200, json: { ok: true, desk: 1 } });
    } finally {
      await t.stop();
    }
  });

  it('a guess spread over many addresses still leaves a fresh address its right code', async () => {
    const t = await startTestHub(tempDir(), new TestClock(at('09:30')));
    try {
      const admin = t.client('admin', TOKENS.admin);
      await connected(admin);
      const code = await issueCode(admin, 3);
      const wrong = code === '000000' ? '000001' : '000000';
      const addresses = Math.ceil(MAX_FAILURES_GLOBAL / MAX_FAILURES_PER_ADDRESS);
      for (let a = 0; a < addresses; a++) {
        for (let i = 0; i < MAX_FAILURES_PER_ADDRESS; i++) await postPair(t.hub.url, JSON.stringify({ code: wrong }), `127.0.1.${a + 1}`);
      }
      // Past the global cap: an address that has guessed wrong once is refused, a fresh one is heard.
      expect((await postPair(t.hub.url, JSON.stringify({ code: wrong }), '127.0.2.1')).status).toBe(403);
      expect((await postPair(t.hub.url, JSON.stringify({ code }), '127.0.2.1')).status).toBe(429);
      expect((await postPair(t.hub.url, JSON.stringify({ code }), '127.0.2.2')).status).toBe(200);
    } finally {
      await t.stop();
    }
  });
});
