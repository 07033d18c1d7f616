/**
 * Clients that send hostile input to a hub and report what came back, for the fuzz tests and the
 * fuzz soak (issue 8): raw HTTP over a TCP socket (no client library in the way), socket.io
 * handshakes with any `auth`, raw engine.io polling handshakes, and events with any name and
 * payload. Each outcome is a value: an answer, a hang-up, a disconnect or a timeout.
 */
import { connect as tcp } from 'node:net';
import { io, type Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { CLIENT_EVENTS, type Namespace } from '../../sync/protocol/hub.js';
import { overTheWire } from './hostile.js';

export type HttpOutcome = { kind: 'answer'; status: number; head: string } | { kind: 'hangUp'; bytes: number } | { kind: 'timeout' } | { kind: 'error'; message: string };

/** Sends raw request bytes and reads the status line of the answer. */
export function rawExchange(port: number, bytes: Buffer, o: { host?: string; localAddress?: string; timeoutMs?: number } = {}): Promise<HttpOutcome> {
  return new Promise((resolve) => {
    const socket = tcp({ host: o.host ?? '127.0.0.1', port, ...(o.localAddress && { localAddress: o.localAddress }) });
    let got = Buffer.alloc(0);
    let done = false;
    const finish = (outcome: HttpOutcome) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(outcome);
    };
    const timer = setTimeout(() => finish({ kind: 'timeout' }), o.timeoutMs ?? 5000);
    const status = (): HttpOutcome | null => {
      // Interim answers (100 Continue) come first, each ended by a blank line; the final one follows.
      let at = 0;
      for (;;) {
        const end = got.indexOf('\r\n', at);
        if (end < 0) return null;
        const line = got.subarray(at, end).toString('latin1');
        const m = /^HTTP\/1\.[01] (\d{3})(?: .*)?$/.exec(line);
        if (!m) return { kind: 'hangUp', bytes: got.length };
        const code = Number(m[1]);
        if (code >= 200 || code === 101) return { kind: 'answer', status: code, head: line };
        const blank = got.indexOf('\r\n\r\n', at);
        if (blank < 0) return null;
        at = blank + 4;
        if (at >= got.length) return null;
      }
    };
    socket.on('connect', () => socket.write(bytes));
    socket.on('data', (d: Buffer) => {
      got = Buffer.concat([got, d]);
      const s = status();
      if (s) finish(s);
    });
    socket.on('error', (e) => (got.length ? finish(status() ?? { kind: 'hangUp', bytes: got.length }) : finish({ kind: 'error', message: e.message })));
    socket.on('close', () => finish(status() ?? { kind: 'hangUp', bytes: got.length }));
  });
}

/** A well-formed HTTP answer: a status line with a code a client understands. */
export function wellFormed(o: HttpOutcome): boolean {
  return o.kind === 'answer' && o.status >= 100 && o.status < 600;
}

/** `/health` answers 200 with `ok: true`. */
export async function healthy(url: string, timeoutMs = 5000): Promise<boolean> {
  try {
    const res = await fetch(`${url}/health`, { signal: AbortSignal.timeout(timeoutMs) });
    const body = (await res.json()) as { ok?: unknown };
    return res.status === 200 && body.ok === true;
  } catch {
    return false;
  }
}

export type ConnectOutcome =
  | { kind: 'connect'; socket: Socket }
  | { kind: 'connect_error'; message: string; data: unknown }
  | { kind: 'disconnect'; reason: string }
  | { kind: 'timeout' };

/** One handshake with `auth` as given (socket.io sends it as the CONNECT packet's payload). */
export function handshake(url: string, ns: string, auth: unknown, o: { localAddress?: string; timeoutMs?: number; keep?: boolean } = {}): Promise<ConnectOutcome> {
  return new Promise((resolve) => {
    const socket = io(`${url}/${ns}`, {
      auth: auth as Record<string, unknown>,
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      timeout: o.timeoutMs ?? 5000,
      ...(o.localAddress && { localAddress: o.localAddress }),
    } as Parameters<typeof io>[1]);
    let done = false;
    const finish = (outcome: ConnectOutcome) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (outcome.kind !== 'connect' || !o.keep) socket.close();
      resolve(outcome);
    };
    const timer = setTimeout(() => finish({ kind: 'timeout' }), (o.timeoutMs ?? 5000) + 500);
    socket.on('connect', () => finish({ kind: 'connect', socket }));
    socket.on('connect_error', (err: Error & { data?: unknown }) => finish({ kind: 'connect_error', message: err.message, data: err.data }));
    socket.on('disconnect', (reason) => finish({ kind: 'disconnect', reason }));
  });
}

/** A refusal a person or a client can act on: `data.code` names it. */
export function clearRefusal(o: ConnectOutcome): boolean {
  if (o.kind !== 'connect_error') return false;
  const data = o.data as { code?: unknown; message?: unknown } | undefined;
  return typeof data?.code === 'string' && data.code.length > 0;
}

export interface PollingOutcome {
  /** HTTP statuses of the handshake, the packet sent and the poll, as far as they went. */
  statuses: number[];
  /** What the poll brought back (engine.io packets as text), or null. */
  reply: string | null;
  error: string | null;
}

/** A raw engine.io v4 polling session: open with `query`, post `packet`, poll once for the answer. */
export async function pollingHandshake(url: string, query: string, packet: string, timeoutMs = 3000): Promise<PollingOutcome> {
  const out: PollingOutcome = { statuses: [], reply: null, error: null };
  try {
    const open = await fetch(`${url}/socket.io/?${query}`, { signal: AbortSignal.timeout(timeoutMs) });
    out.statuses.push(open.status);
    const text = await open.text();
    if (open.status !== 200 || !text.startsWith('0')) return out;
    const sid = (JSON.parse(text.slice(1)) as { sid: string }).sid;
    const at = `${url}/socket.io/?EIO=4&transport=polling&sid=${encodeURIComponent(sid)}`;
    const post = await fetch(at, { method: 'POST', body: packet, headers: { 'content-type': 'text/plain;charset=UTF-8' }, signal: AbortSignal.timeout(timeoutMs) });
    out.statuses.push(post.status);
    await post.text();
    // A long poll with nothing to say waits for the next ping: no reply within the time is a value too.
    const poll = await fetch(at, { signal: AbortSignal.timeout(timeoutMs) }).catch((err: Error) => (err.name === 'TimeoutError' ? null : Promise.reject(err)));
    if (poll) {
      out.statuses.push(poll.status);
      out.reply = await poll.text();
    }
    // Leave: a close packet, so the session does not wait for its ping timeout.
    await fetch(at, { method: 'POST', body: '1', signal: AbortSignal.timeout(timeoutMs) }).then((r) => r.text()).catch(() => undefined);
  } catch (err) {
    out.error = (err as Error).message;
  }
  return out;
}

export type EmitOutcome = { kind: 'ack'; ack: unknown } | { kind: 'disconnect' } | { kind: 'timeout' } | { kind: 'sent' };

/** Emits `name` with `args` (with an ack unless `noAck`) and reports the answer. */
export function emitRaw(socket: Socket, name: unknown, args: unknown[], o: { noAck?: boolean; timeoutMs?: number } = {}): Promise<EmitOutcome> {
  return new Promise((resolve) => {
    if (!socket.connected) return resolve({ kind: 'disconnect' });
    let done = false;
    const finish = (outcome: EmitOutcome) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.off('disconnect', onDisconnect);
      resolve(outcome);
    };
    const onDisconnect = () => finish({ kind: 'disconnect' });
    socket.on('disconnect', onDisconnect);
    const timer = setTimeout(() => finish({ kind: 'timeout' }), o.timeoutMs ?? 5000);
    const emit = socket.emit as unknown as (...a: unknown[]) => void;
    try {
      if (o.noAck) {
        emit.call(socket, name, ...args);
        // Give the hub time to act on it before the state is compared.
        setTimeout(() => finish({ kind: 'sent' }), 20);
      } else emit.call(socket, name, ...args, (ack: unknown) => finish({ kind: 'ack', ack }));
    } catch (err) {
      // socket.io-client itself refuses some names (reserved events): nothing was sent.
      finish({ kind: 'sent' });
      void err;
    }
  });
}

/** Waits until the socket is connected again after the hub dropped it (reconnection is on). */
export async function reconnected(socket: Socket, timeoutMs = 5000): Promise<boolean> {
  if (socket.connected) return true;
  if (!socket.active) socket.connect();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      socket.off('connect', on);
      resolve(false);
    }, timeoutMs);
    const on = () => {
      clearTimeout(timer);
      resolve(true);
    };
    socket.once('connect', on);
  });
}

/** The event names socket.io's parser lets through: strings and numbers. The rest close the connection. */
export function parserAccepts(name: unknown): boolean {
  return typeof name === 'string' || (typeof name === 'number' && Number.isFinite(name));
}

/** Whether the event, as the hub decodes it, is valid for the namespace: a known name and a payload that fits. */
export function validEvent(ns: Namespace, name: unknown, args: unknown[]): boolean {
  if (typeof name !== 'string') return false;
  const table = CLIENT_EVENTS[ns] as Record<string, { safeParse(v: unknown): { success: boolean } }>;
  if (!Object.hasOwn(table, name)) return false;
  if (args.length > 1) return false;
  try {
    return table[name]!.safeParse(overTheWire(args[0]) ?? {}).success;
  } catch {
    return false;
  }
}

/** An ack as the protocol says: `{ ok: true, … }` or `{ ok: false, error: { code, message } }`. */
export function wellFormedAck(ack: unknown): boolean {
  if (!ack || typeof ack !== 'object') return false;
  const a = ack as { ok?: unknown; error?: { code?: unknown; message?: unknown } };
  if (a.ok === true) return true;
  return a.ok === false && typeof a.error?.code === 'string' && a.error.code.length > 0 && typeof a.error.message === 'string';
}

/** Bytes socket.io will put on the wire for the event: above the hub's cap the transport drops it. */
export function wireBytes(name: unknown, args: unknown[]): number {
  return Buffer.byteLength(JSON.stringify([name, ...args]) ?? '');
}

/**
 * Exceptions that escape a hub running in this process (in a `talon serve` they would end it),
 * gathered while the file's tests run and cleared after each: call once at a spec file's top level.
 */
export function catchEscapes(): unknown[] {
  const escaped: unknown[] = [];
  const onEscape = (err: unknown) => escaped.push(err);
  beforeAll(() => {
    process.on('uncaughtException', onEscape);
    process.on('unhandledRejection', onEscape);
  });
  afterAll(() => {
    process.off('uncaughtException', onEscape);
    process.off('unhandledRejection', onEscape);
  });
  afterEach(() => {
    escaped.length = 0;
  });
  return escaped;
}
