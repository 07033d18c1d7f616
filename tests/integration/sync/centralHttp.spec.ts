/** The reference central server over HTTP: auth, proof of work, rate limits, refusals in Ukrainian. */
import { afterEach, describe, expect, it } from 'vitest';
import { zonedInstant } from '../../../main/core/clock.js';
import { hashOf, solveChallenge } from '../../../sync/central/pow.js';
import { startCentral, type RunningCentral } from '../../../sync/central/server.js';
import { challengeSchema, pullPageSchema } from '../../../sync/protocol/central.js';
import { TestClock } from '../../helpers/hub.js';
import { centreDef, TERMINAL_TOKEN } from './fixture.js';
import { silentLog } from '../../../main/core/log.js';

let central: RunningCentral | null = null;
afterEach(async () => {
  await central?.close();
  central = null;
});

const clock = new TestClock(zonedInstant('2026-03-10', '08:00', 'Europe/Kyiv'));

async function start(perPerson = { burst: 5, perMinute: 1 }, perClient = { burst: 60, perMinute: 60 }) {
  central = await startCentral({ file: ':memory:', now: clock.now, difficulty: 8, perPerson, perClient, adminToken: 'admin-secret', log: silentLog, setup: (c) => c.addCentre(centreDef()) });
  return central;
}

const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

async function solved(c: RunningCentral) {
  const challenge = challengeSchema.parse(await (await fetch(`${c.url}/v1/citizen/challenge`)).json());
  return { challenge: challenge.challenge, nonce: solveChallenge(challenge) };
}

const booking = (time: string, value = '3200000001') => ({
  centre: '8041', service: 'DL_EXCHANGE', date: '2026-03-11', time, person: { kind: 'taxId', value },
});

describe('the reference central server over HTTP', () => {
  it('asks a terminal for its bearer token and pages bookings after a cursor', async () => {
    const c = await start();
    expect((await fetch(`${c.url}/v1/centres/8041/bookings`)).status).toBe(401);
    const wrong = await fetch(`${c.url}/v1/centres/8041/bookings`, { headers: { authorization: 'Bearer nope' } });
    expect(await wrong.json()).toMatchObject({ error: { code: 'UNAUTHORIZED', message: 'Неправильний або відсутній токен доступу.' } });
    for (const t of ['10:00', '10:15', '10:30']) {
      expect((await post(`${c.url}/v1/citizen/bookings`, { ...booking(t, `320000000${t.slice(3, 4)}`), ...(await solved(c)) })).status).toBe(200);
    }
    const auth = { authorization: `Bearer ${TERMINAL_TOKEN}` };
    const first = pullPageSchema.parse(await (await fetch(`${c.url}/v1/centres/8041/bookings?after=0&limit=2`, { headers: auth })).json());
    expect(first).toMatchObject({ more: true, serverTime: clock.now() });
    expect(first.bookings).toHaveLength(2);
    const second = pullPageSchema.parse(await (await fetch(`${c.url}/v1/centres/8041/bookings?after=${first.cursor}&limit=2`, { headers: auth })).json());
    expect(second).toMatchObject({ more: false });
    expect(second.bookings).toHaveLength(1);
  });

  it('requires a solved, unused proof-of-work challenge for a booking', async () => {
    const c = await start();
    const none = await post(`${c.url}/v1/citizen/bookings`, { ...booking('10:00'), challenge: '', nonce: '' });
    expect(await none.json()).toMatchObject({ error: { code: 'CHALLENGE_REQUIRED' } });
    const work = await solved(c);
    // A nonce whose hash starts with a non-zero byte has fewer than the 8 zero bits asked for.
    let wrong = 0;
    while (hashOf(work.challenge, `w${wrong}`)[0] === 0) wrong++;
    const bad = await post(`${c.url}/v1/citizen/bookings`, { ...booking('10:00'), challenge: work.challenge, nonce: `w${wrong}` });
    expect(await bad.json()).toMatchObject({ error: { code: 'CHALLENGE_FAILED', message: 'Перевірку не пройдено. Отримайте нове завдання.' } });
    const ok = await post(`${c.url}/v1/citizen/bookings`, { ...booking('10:15'), ...work });
    expect(ok.status).toBe(200);
    const reused = await post(`${c.url}/v1/citizen/bookings`, { ...booking('10:30'), ...work });
    expect(await reused.json()).toMatchObject({ error: { code: 'CHALLENGE_FAILED' } });
  });

  it('limits requests per client and bookings per person, and never the terminal API', async () => {
    const c = await start({ burst: 2, perMinute: 1 }, { burst: 8, perMinute: 1 });
    const codes: number[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await post(`${c.url}/v1/citizen/bookings`, { ...booking(`1${i}:00`), ...(await solved(c)) });
      codes.push(r.status);
    }
    expect(codes).toEqual([200, 200, 429]);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await fetch(`${c.url}/v1/citizen/centres/8041/slots?date=2026-03-11`)).status);
    expect(statuses.at(-1)).toBe(429);
    const limited = await fetch(`${c.url}/v1/citizen/challenge`);
    expect(limited.headers.get('retry-after')).toBeTruthy();
    expect(await limited.json()).toMatchObject({ error: { code: 'RATE_LIMITED', message: 'Забагато запитів. Спробуйте пізніше.' } });
    for (let i = 0; i < 20; i++) {
      expect((await fetch(`${c.url}/v1/centres/8041/terminal-pool`, { headers: { authorization: `Bearer ${TERMINAL_TOKEN}` } })).status).toBe(200);
    }
  });

  it('lets central set a centre’s alert, which the terminal API reports', async () => {
    const c = await start();
    const auth = { authorization: `Bearer ${TERMINAL_TOKEN}` };
    expect(await (await fetch(`${c.url}/v1/centres/8041/alert`, { headers: auth })).json()).toMatchObject({ active: false, since: null });
    const set = await fetch(`${c.url}/v1/admin/centres/8041/alert`, { method: 'PUT', headers: { authorization: 'Bearer admin-secret' }, body: JSON.stringify({ active: true }) });
    expect(set.status).toBe(200);
    expect(await (await fetch(`${c.url}/v1/centres/8041/alert`, { headers: auth })).json()).toMatchObject({ active: true, since: clock.now() });
    expect((await fetch(`${c.url}/v1/admin/centres/8041/alert`, { method: 'PUT', body: JSON.stringify({ active: false }) })).status).toBe(401);
  });
});
