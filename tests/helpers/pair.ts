/** Pairing over real HTTP from a chosen client address. */
import { request } from 'node:http';

/** POST /pair from a chosen loopback address (the whole of 127/8 is loopback on Linux). */
export function postPair(url: string, body: string, localAddress = '127.0.0.1'): Promise<{ status: number; json: Record<string, unknown> | null }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, path: '/pair', method: 'POST', localAddress, headers: { 'content-type': 'application/json' } }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => {
        let json: Record<string, unknown> | null = null;
        try {
          json = JSON.parse(text) as Record<string, unknown>;
        } catch {
          json = null;
        }
        resolve({ status: res.statusCode ?? 0, json });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}
