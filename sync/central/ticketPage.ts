/**
 * Central serves the citizen's live ticket page at `/t/{id}` (the same page the hub serves, from
 * the renderer's build), switched to polling `/v1/tickets/{id}`, plus the few assets it loads.
 * Nothing else of the renderer is reachable here, and an asset name is matched against a plain
 * file-name pattern, never decoded into a path.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { liveIdSchema } from '../protocol/liveTicket.js';

export const RENDERER_DIST = resolve(fileURLToPath(new URL('../../renderer/dist', import.meta.url)));

const HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
};
const TYPES: Record<string, string> = { js: 'text/javascript; charset=utf-8', css: 'text/css; charset=utf-8' };

function plain(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...HEADERS });
  res.end(text);
}

/** Answers `/t/{id}` and `/assets/{name}`; false for any other path. */
export function serveTicketPage(path: string, res: ServerResponse, dist = RENDERER_DIST): boolean {
  let m = /^\/t\/([^/]*)$/.exec(path);
  if (m) {
    if (!liveIdSchema.safeParse(m[1]).success) {
      plain(res, 404, 'Талон не знайдено. / No such ticket.\n');
      return true;
    }
    const file = join(dist, 'ticket', 'index.html');
    if (!existsSync(file)) {
      plain(res, 503, 'Сторінку талона ще не зібрано (npm run build:renderer). / The ticket page is not built yet.\n');
      return true;
    }
    const html = readFileSync(file, 'utf8').replace('<meta name="talon-live" content="socket" />', '<meta name="talon-live" content="poll" />');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...HEADERS });
    res.end(html);
    return true;
  }
  m = /^\/assets\/([A-Za-z0-9_-]+\.(js|css))$/.exec(path);
  if (m) {
    const file = join(dist, 'assets', m[1]!);
    if (!existsSync(file)) return false;
    res.writeHead(200, { 'content-type': TYPES[m[2]!]!, 'cache-control': 'public, max-age=31536000, immutable', ...HEADERS });
    res.end(readFileSync(file));
    return true;
  }
  return false;
}
