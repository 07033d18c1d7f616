/**
 * The hub's HTTP router: exact paths first, then routes that look at the request themselves (an
 * extension's webhook, the live ticket, audio, the pages), then 404. Total: the URL is parsed once
 * (a malformed one answers 400), a handler that throws or rejects answers 500 INTERNAL and is logged
 * once with its stack, and every answer carries the hub's security headers.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { stackOf, type Log } from '../core/log.js';

/** On every HTTP answer of the hub, pages, errors, metrics and audio alike. */
export const BASE_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
} as const;

/** An exact path's handler; it answers the request itself. */
export type RouteHandler = (req: IncomingMessage, res: ServerResponse, url: URL) => void | Promise<void>;
/** A route that decides for itself: true when it took the request. */
export type RouteMatcher = (req: IncomingMessage, res: ServerResponse, url: URL) => boolean;

function json(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

/** The path socket.io's engine takes WebSocket upgrades at (gateway.ts); it answers those itself. */
const SOCKET_PATH = '/socket.io/';

/** A short HTTP answer written straight to a socket that has left HTTP's request/response (CONNECT, an upgrade). */
function refuseRaw(socket: Duplex, status: number, reason: string): void {
  if (!socket.writable) return;
  const headers = [`HTTP/1.1 ${status} ${reason}`, 'Connection: close', 'Content-Length: 0', ...Object.entries(BASE_HEADERS).map(([k, v]) => `${k}: ${v}`)];
  socket.on('error', () => undefined);
  socket.end(headers.join('\r\n') + '\r\n\r\n');
}

/**
 * Requests that never reach the router's listener: CONNECT (the hub is no proxy: 405) and an upgrade
 * to anything but the socket path (404 at once, instead of engine.io's silent drop a second later).
 */
export function answerNonHttp(http: Server): void {
  http.on('connect', (_req: IncomingMessage, socket: Duplex) => refuseRaw(socket, 405, 'Method Not Allowed'));
  http.on('upgrade', (req: IncomingMessage, socket: Duplex) => {
    let path = '';
    try {
      path = new URL(req.url ?? '/', 'http://hub').pathname;
    } catch {
      path = '';
    }
    if (!path.startsWith(SOCKET_PATH)) refuseRaw(socket, path ? 404 : 400, path ? 'Not Found' : 'Bad Request');
  });
}

export class Router {
  private readonly exact = new Map<string, { methods: readonly string[]; handler: RouteHandler }>();
  private readonly matchers: { name: string; match: RouteMatcher }[] = [];

  constructor(private readonly log: Log) {}

  /** `path` exactly, for these methods (others answer 405 with `Allow`). */
  on(path: string, methods: readonly string[], handler: RouteHandler): this {
    if (this.exact.has(path)) throw new Error(`${path} is routed twice`);
    this.exact.set(path, { methods, handler });
    return this;
  }

  /** A route that looks at the request itself, tried in the order added. */
  use(name: string, match: RouteMatcher): this {
    this.matchers.push({ name, match });
    return this;
  }

  /** The `http.createServer` listener. Never throws. */
  readonly listener = (req: IncomingMessage, res: ServerResponse): void => {
    try {
      for (const [k, v] of Object.entries(BASE_HEADERS)) res.setHeader(k, v);
      let url: URL;
      try {
        url = new URL(req.url ?? '/', 'http://hub');
      } catch {
        json(res, 400, { ok: false, error: { code: 'BAD_PAYLOAD', message: 'malformed request URL' } });
        return;
      }
      const route = this.exact.get(url.pathname);
      if (route) {
        if (!route.methods.includes(req.method ?? '')) {
          res.setHeader('allow', route.methods.join(', '));
          json(res, 405, { ok: false, error: { code: 'BAD_PAYLOAD', message: `${route.methods.join(' or ')} only` } });
          return;
        }
        const done = route.handler(req, res, url);
        if (done instanceof Promise) done.catch((err: unknown) => this.failed(req, res, url.pathname, err));
        return;
      }
      for (const m of this.matchers) {
        let took: boolean;
        try {
          took = m.match(req, res, url);
        } catch (err) {
          this.failed(req, res, url.pathname, err, m.name);
          return;
        }
        if (took) return;
      }
      json(res, 404, { ok: false, error: { code: 'NOT_FOUND', message: 'no such page' } });
    } catch (err) {
      this.failed(req, res, '?', err);
    }
  };

  private failed(req: IncomingMessage, res: ServerResponse, path: string, err: unknown, route?: string): void {
    this.log.error({ method: String(req.method).slice(0, 10), path: path.slice(0, 200), ...(route && { route }), err: stackOf(err) }, 'an HTTP request failed');
    try {
      json(res, 500, { ok: false, error: { code: 'INTERNAL', message: 'internal error' } });
    } catch {
      res.destroy();
    }
  }
}
