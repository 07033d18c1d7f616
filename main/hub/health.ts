/**
 * `GET /health`: anyone gets `{ ok, version, day }` (a supervisor's or a monitor's check); the details
 * (the alert, the outbox, connections, devices with their paths, the link and the printer) only with
 * an admin token, `GET /health?details` with `Authorization: Bearer <admin token>`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { hubError } from './hubErrors.js';
import { sendJson } from './pages.js';
import { bearer } from '../ops/metricsRoute.js';

export interface HealthSource {
  version: string;
  day(): string;
  /** Whether this bearer token may read the details (an admin token). */
  mayReadDetails(token: string): boolean;
  details(): Record<string, unknown>;
}

export function serveHealth(req: IncomingMessage, res: ServerResponse, url: URL, source: HealthSource): void {
  const base = { ok: true, version: source.version, day: source.day() };
  if (!url.searchParams.has('details')) {
    sendJson(res, 200, base);
    return;
  }
  const token = bearer(req);
  if (token === undefined || !source.mayReadDetails(token)) {
    res.setHeader('www-authenticate', 'Bearer');
    sendJson(res, 401, { ok: false, error: hubError('UNAUTHORIZED', 'en') });
    return;
  }
  sendJson(res, 200, { ...base, ...source.details() });
}
