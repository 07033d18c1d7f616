/**
 * The receiver for the "Повітряна тривога" API's webhook: `POST /hooks/ukrainealarm/<secret>` with a
 * JSON object (the API sends the region and the change, e.g. `{ regionId, alarmType, status }`). The
 * body is only a nudge: the hub then reads the API itself, so a forged or garbled call can cost a read
 * but never raise or end an alert. The secret in the path is the only credential such a call carries;
 * a wrong one answers 404 like any unknown page.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { same } from './auth.js';
import { sendJson } from './pages.js';

export const WEBHOOK_PREFIX = '/hooks/ukrainealarm/';
const MAX_BODY = 8 * 1024;

const id = z.union([z.string().max(32), z.number().int()]);
/** What a call must look like to count: an object; the known fields, if present, of the right kind. */
export const webhookSchema = z.looseObject({
  regionId: id.optional(),
  regionType: z.string().max(64).optional(),
  alarmType: z.string().max(64).optional(),
  status: z.string().max(64).optional(),
  createdAt: z.string().max(64).optional(),
});
export type WebhookCall = z.infer<typeof webhookSchema>;

export type WebhookVerdict = { ok: true; call: WebhookCall } | { ok: false; status: 400 | 404 | 405 | 413; code: string };

/** Judges one call from its method, path and body; total: every input gets a verdict. */
export function judgeWebhook(secret: string, method: string | undefined, path: string, body: string): WebhookVerdict {
  const given = path.slice(WEBHOOK_PREFIX.length);
  if (!path.startsWith(WEBHOOK_PREFIX) || !same(given, secret)) return { ok: false, status: 404, code: 'NOT_FOUND' };
  if (method !== 'POST') return { ok: false, status: 405, code: 'METHOD_NOT_ALLOWED' };
  if (body.length > MAX_BODY) return { ok: false, status: 413, code: 'BAD_PAYLOAD' };
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return { ok: false, status: 400, code: 'BAD_PAYLOAD' };
  }
  const parsed = webhookSchema.safeParse(value);
  return parsed.success ? { ok: true, call: parsed.data } : { ok: false, status: 400, code: 'BAD_PAYLOAD' };
}

/** The route: takes every request under the prefix and always answers it. */
export function webhookRoute(secret: string, nudge: (call: WebhookCall) => void) {
  return (req: IncomingMessage, res: ServerResponse, path: string): boolean => {
    if (!path.startsWith(WEBHOOK_PREFIX)) return false;
    void (async () => {
      let body = '';
      try {
        for await (const chunk of req) {
          body += String(chunk);
          if (body.length > MAX_BODY) break;
        }
      } catch {
        body = '\u0000';
      }
      const verdict = judgeWebhook(secret, req.method, path, body);
      if (!verdict.ok) {
        sendJson(res, verdict.status, { ok: false, error: { code: verdict.code } });
        if (verdict.status === 413) req.destroy();
        return;
      }
      sendJson(res, 202, { ok: true });
      nudge(verdict.call);
    })().catch(() => {
      if (!res.headersSent) sendJson(res, 400, { ok: false, error: { code: 'BAD_PAYLOAD' } });
    });
    return true;
  };
}
