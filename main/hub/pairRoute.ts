/**
 * `POST /pair {code}` → a new device token for the desk the code pairs (main/hub/pairedDevices.ts),
 * for a desk console signing in with a pairing code. Never the desk's configured token.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { TalonConfig } from '../config/schema.js';
import { stackOf, type Log } from '../core/log.js';
import { parseTotal } from './answer.js';
import { sendJson } from './pages.js';
import type { Pairing } from './pairing.js';
import type { PairedDevices } from './pairedDevices.js';
import { errorText } from '../../sync/protocol/messages/index.js';

const MAX_BODY = 1024;
const pairRequest = z.strictObject({ code: z.string().regex(/^\d{6}$/, 'a pairing code is 6 digits') });

type PairRefusal = 'WRONG_CODE' | 'TOO_MANY_TRIES' | 'BAD_PAYLOAD' | 'INTERNAL';

/** Both languages, since the sign-in page may ask before it has told the hub its language. */
function refuse(res: ServerResponse, status: number, code: PairRefusal, detail = 'тіло запиту / request body'): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  const params = { detail };
  sendJson(res, status, { ok: false, error: { code, message: errorText('uk', code, params), messageEn: errorText('en', code, params) } });
}

async function readBody(req: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buf.length;
    if (size > MAX_BODY) return null;
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function readPairRequest(
  req: IncomingMessage,
  res: ServerResponse,
  pairing: Pairing,
  config: TalonConfig,
  paired: PairedDevices,
  log?: Log,
): Promise<void> {
  try {
    if (req.method !== 'POST') {
      res.writeHead(405, { allow: 'POST' }).end();
      return;
    }
    const body = await readBody(req);
    if (body === null) {
      refuse(res, 413, 'BAD_PAYLOAD');
      req.resume();
      return;
    }
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      refuse(res, 400, 'BAD_PAYLOAD', 'not JSON');
      return;
    }
    const parsed = parseTotal(pairRequest, json);
    if (!parsed.ok) {
      refuse(res, 400, 'BAD_PAYLOAD', parsed.detail);
      return;
    }
    const address = req.socket.remoteAddress ?? null;
    const result = pairing.redeem(parsed.data.code, address);
    if ('error' in result) {
      refuse(res, result.error === 'TOO_MANY_TRIES' ? 429 : 403, result.error);
      return;
    }
    const desk = config.desks.find((d) => d.number === result.desk);
    if (!desk) {
      refuse(res, 403, 'WRONG_CODE');
      return;
    }
    const device = paired.pair(desk.number, address);
    log?.info({ desk: desk.number, device: device.id, address }, 'a desk console paired');
    sendJson(res, 200, { ok: true, desk: desk.number, token: device.token });
  } catch (err) {
    // A client that hung up mid-body, or anything unforeseen: an answer if one can still go, never a crash.
    log?.error({ err: stackOf(err) }, 'a pairing request failed');
    refuse(res, 500, 'INTERNAL');
  }
}
