/**
 * GET /metrics: the Prometheus text, for a scraper holding a metrics token or the admin token
 * (`Authorization: Bearer …`). Anything else is 401; the answer is always sent.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TalonMetrics } from './metrics.js';

export const METRICS_PATH = '/metrics';

/** The token of an `Authorization: Bearer …` header; undefined without one. */
export function bearer(req: IncomingMessage): string | undefined {
  const h = req.headers.authorization;
  return typeof h === 'string' && h.startsWith('Bearer ') ? h.slice(7).trim() : undefined;
}

export async function serveMetrics(req: IncomingMessage, res: ServerResponse, metrics: TalonMetrics, allowed: (token: string) => boolean): Promise<void> {
  const token = bearer(req);
  if (token === undefined || !allowed(token)) {
    res.writeHead(401, { 'content-type': 'text/plain; charset=utf-8', 'www-authenticate': 'Bearer realm="talon metrics"', 'cache-control': 'no-store' });
    res.end('a metrics token or the admin token is needed\n');
    return;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD' });
    res.end();
    return;
  }
  try {
    const text = await metrics.text();
    res.writeHead(200, { 'content-type': metrics.contentType(), 'cache-control': 'no-store' });
    res.end(req.method === 'HEAD' ? undefined : text);
  } catch (err) {
    res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(`metrics failed: ${String(err)}\n`);
  }
}
