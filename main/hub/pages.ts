/**
 * HTTP side of the hub: `/health`, and the renderer's pages for any browser on the LAN.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BASE_HEADERS } from './router.js';

export const RENDERER_DIST = resolve(fileURLToPath(new URL('../../renderer/dist', import.meta.url)));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.wav': 'audio/wav',
  '.ogg': 'audio/ogg',
  '.ico': 'image/x-icon',
};

/**
 * A page's policy: its own scripts, and sockets to its own origin only (`connect-src 'self'` takes
 * same-origin ws: and wss: in CSP 3, which Electron's and current browsers' Chromium follow).
 */
export const PAGE_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; media-src 'self' blob: data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

const SECURITY_HEADERS = { 'content-security-policy': PAGE_POLICY, ...BASE_HEADERS };

/** Pages by path; `ticket` is the live ticket page, also served at /t/{id} (main/hub/liveTicket). */
export const PAGE_ROLES = ['kiosk', 'board', 'desk', 'admin', 'ticket'] as const;

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...SECURITY_HEADERS });
  res.end(JSON.stringify(body));
}

function sendFile(res: ServerResponse, file: string): void {
  res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', ...SECURITY_HEADERS });
  res.end(readFileSync(file));
}

/** The path decoded, or null when its %-escapes are malformed (`%ZZ`, a cut UTF-8 sequence). */
function decoded(urlPath: string): string | null {
  try {
    const path = decodeURIComponent(urlPath);
    return path.includes('\0') ? null : path;
  } catch {
    return null;
  }
}

/** A file under the renderer's build, never outside it. */
function inDist(dist: string, urlPath: string): string | null {
  const path = decoded(urlPath);
  if (path === null) return null;
  const file = normalize(join(dist, path));
  if (!file.startsWith(dist + sep)) return null;
  return existsSync(file) && statSync(file).isFile() ? file : null;
}

export function servePage(req: IncomingMessage, res: ServerResponse, dist = RENDERER_DIST): boolean {
  const path = new URL(req.url ?? '/', 'http://hub').pathname;
  const role = PAGE_ROLES.find((r) => path === `/${r}` || path === `/${r}/`);
  if (role) {
    const page = inDist(dist, `${role}/index.html`);
    if (page) sendFile(res, page);
    else {
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS });
      res.end(`Сторінку «${role}» ще не зібрано (npm run build:renderer). / The ${role} page is not built yet.\n`);
    }
    return true;
  }
  if (path.startsWith('/assets/')) {
    const file = inDist(dist, path);
    if (!file) return false;
    sendFile(res, file);
    return true;
  }
  return false;
}
