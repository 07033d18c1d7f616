/**
 * One socket.io connection to the hub for a page: typed events from sync/protocol/hub.ts, acks with
 * a timeout, and the link state a page shows (online, offline, or refused for a bad token).
 * socket.io reconnects by itself after a transport loss; the hub then sends a fresh snapshot.
 */
import { io, type Socket } from 'socket.io-client';
import type { Ack, ClientEventName, ClientPayload, HubError, Namespace, ServerEvents } from '../../sync/protocol/hub.js';
import type { AckBodies } from './acks.js';
import type { Lang } from './i18n.js';

export type LinkState = 'connecting' | 'online' | 'offline' | 'unauthorized';

/** What a command answers when no answer came: the page keeps the commandId and may retry. */
export const NO_ANSWER: HubError = { code: 'NO_ANSWER', message: '' };

export interface HubClient<N extends Namespace> {
  on<E extends keyof ServerEvents>(event: E, listener: (payload: ServerEvents[E]) => void): () => void;
  ask<E extends ClientEventName<N> & keyof AckBodies[N]>(event: E, payload: ClientPayload<N, E>): Promise<Ack<AckBodies[N][E] & object>>;
  onLink(listener: (state: LinkState) => void): () => void;
  readonly link: LinkState;
  close(): void;
}

export interface HubClientOptions {
  token: string | null;
  lang: Lang;
  /** The hub's origin; the page's own by default (the hub serves the pages). */
  url?: string;
  ackTimeoutMs?: number;
}

export function connectHub<N extends Namespace>(ns: N, options: HubClientOptions): HubClient<N> {
  const socket: Socket = io(`${options.url ?? ''}/${ns}`, {
    auth: { ...(options.token ? { token: options.token } : {}), lang: options.lang },
    transports: ['websocket'],
    reconnectionDelay: 300,
    reconnectionDelayMax: 2000,
  });
  const timeout = options.ackTimeoutMs ?? 8000;
  let link: LinkState = 'connecting';
  const linkListeners = new Set<(s: LinkState) => void>();
  const setLink = (s: LinkState) => {
    if (s === link) return;
    link = s;
    for (const l of linkListeners) l(s);
  };
  socket.on('connect', () => setLink('online'));
  socket.on('disconnect', (reason) => {
    setLink('offline');
    // The hub dropped us on purpose (a revoked console): try again once, to learn whether we are still let in.
    if (reason === 'io server disconnect') setTimeout(() => socket.connect(), 1000);
  });
  socket.on('connect_error', (err: Error & { data?: { code?: string } }) => {
    if (err.data?.code === 'UNAUTHORIZED') setLink('unauthorized');
    else setLink('offline');
  });

  return {
    on(event, listener) {
      socket.on(event as string, listener as (...a: unknown[]) => void);
      return () => void socket.off(event as string, listener as (...a: unknown[]) => void);
    },
    async ask(event, payload) {
      if (!socket.connected) return { ok: false, error: NO_ANSWER };
      try {
        return (await socket.timeout(timeout).emitWithAck(event, payload)) as never;
      } catch {
        return { ok: false, error: NO_ANSWER };
      }
    },
    onLink(listener) {
      linkListeners.add(listener);
      return () => void linkListeners.delete(listener);
    },
    get link() {
      return link;
    },
    close() {
      socket.close();
    },
  };
}
