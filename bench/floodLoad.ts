/**
 * The load of bench/flood.ts, in a process of its own so its event loop does not delay the desks'
 * acks being measured: one kiosk sending RATE events a second with acks, and BOARDS anonymous boards
 * (one loopback address each) connecting and disconnecting in a loop. Runs until stdin closes or
 * says "stop", then prints one JSON line of what it did.
 */
import { createInterface } from 'node:readline';
import { io, type Socket } from 'socket.io-client';

const [url, token, rateArg, boardsArg] = process.argv.slice(2);
const RATE = Number(rateArg);
const BOARDS = Number(boardsArg);

type AckT = { ok: boolean; error?: { code: string } };

function open(ns: string, address: string, auth: Record<string, unknown> = {}): Socket {
  return io(`${url}/${ns}`, { auth, transports: ['websocket'], reconnection: false, forceNew: true, localAddress: address } as never);
}

function ready(s: Socket): Promise<void> {
  return new Promise((resolve, reject) => {
    s.once('snapshot', () => resolve());
    s.once('connect_error', (e: Error) => reject(e));
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let stop = false;
const flood = { sent: 0, answered: 0, rateLimited: 0 };
const boards = { cycles: 0, refused: 0 };

async function floodLoop(): Promise<void> {
  if (RATE <= 0) return;
  const kiosk = open('kiosk', '127.0.0.30', { token });
  await ready(kiosk);
  const perTick = Math.max(1, Math.round(RATE / 100));
  let next = performance.now();
  while (!stop) {
    for (let i = 0; i < perTick; i++) {
      flood.sent++;
      kiosk.emit('services', {}, (a: AckT) => {
        flood.answered++;
        if (!a.ok && a.error?.code === 'RATE_LIMITED') flood.rateLimited++;
      });
    }
    next += 10;
    await sleep(Math.max(0, next - performance.now()));
  }
  await sleep(200);
  kiosk.close();
}

async function boardLoop(i: number): Promise<void> {
  while (!stop) {
    const s = open('board', `127.0.1.${i % 250}`);
    let refused = false;
    try {
      await Promise.race([ready(s), sleep(5000)]);
      boards.cycles++;
    } catch {
      boards.refused++;
      refused = true;
    } finally {
      s.close();
    }
    // A refused board waits before it tries again, as socket.io-client's reconnection does by
    // default (reconnectionDelay 1 s, randomizationFactor 0.5).
    if (refused) await sleep(500 + Math.random() * 1000);
  }
}

const loops = [floodLoop(), ...Array.from({ length: BOARDS }, (_, i) => boardLoop(i))];
console.log('LOADING');
const finish = async () => {
  if (stop) return;
  stop = true;
  await Promise.all(loops);
  console.log(JSON.stringify({ flood, boards }));
  process.exit(0);
};
createInterface({ input: process.stdin }).on('line', (l) => l.trim() === 'stop' && void finish()).on('close', () => void finish());
