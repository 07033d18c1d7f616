/** `POST /pair {code}` → the desk's token, for a desk console signing in with a pairing code. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { TalonConfig } from '../config/schema.js';
import { sendJson } from './pages.js';
import type { Pairing } from './pairing.js';
import { errorText } from '../../sync/protocol/messages/index.js';

const MAX_BODY = 1024;
const pairRequest = z.strictObject({ code: z.string().regex(/^\d{6}$/, 'a pairing code is 6 digits') });

type PairRefusal = 'WRONG_CODE' | 'TOO_MANY_TRIES' | 'BAD_PAYLOAD';

/** Both languages, since the sign-in page may ask before it has told the hub its language. */
function refuse(res: ServerResponse, status: number, code: PairRefusal, detail = 'тіло запиту / request body'): void {
  const params = { detail };
  sendJson(res, status, { ok: false, error: { code, message: errorText('uk', code, params), messageEn: errorText('en', code, params) } });
}

export async function readPairRequest(req: IncomingMessage, res: ServerResponse, pairing: Pairing, config: TalonConfig): Promise<void> {
  if (req.method !== 'POST') {
    res.writeHead(405, { allow: 'POST' }).end();
    return;
  }
  let body = '';
  for await (const chunk of req) {
    body += String(chunk);
    if (body.length > MAX_BODY) {
      refuse(res, 413, 'BAD_PAYLOAD');
      return;
    }
  }
  let parsed: z.ZodSafeParseResult<{ code: string }>;
  try {
    parsed = pairRequest.safeParse(JSON.parse(body));
  } catch {
    refuse(res, 400, 'BAD_PAYLOAD', 'not JSON');
    return;
  }
  if (!parsed.success) {
    refuse(res, 400, 'BAD_PAYLOAD', parsed.error.issues.map((i) => i.message).join('; '));
    return;
  }
  const result = pairing.redeem(parsed.data.code);
  if ('error' in result) {
    refuse(res, result.error === 'TOO_MANY_TRIES' ? 429 : 403, result.error);
    return;
  }
  const desk = config.desks.find((d) => d.number === result.desk)!;
  sendJson(res, 200, { ok: true, desk: desk.number, token: desk.token });
}
