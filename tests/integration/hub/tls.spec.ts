/**
 * `hub.tls`: HTTPS and WSS on the hub's one port, with a certificate made by openssl the way
 * docs/security.md tells a centre to (subjectAltName with the hub's IP); bad files stop the start clearly.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { get } from 'node:https';
import { join } from 'node:path';
import { io } from 'socket.io-client';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../main/config/load.js';
import { at } from '../../helpers/floor.js';
import { startTestHub, testConfig, TestClock, TOKENS } from '../../helpers/hub.js';
import { useTempDir } from '../../helpers/tmp.js';

const tempDir = useTempDir();

/** A self-signed certificate for 127.0.0.1, as docs/security.md makes one for a centre's LAN. */
function makeCert(dir: string, name = 'hub'): { cert: string; key: string } {
  const cert = join(dir, `${name}.crt`);
  const key = join(dir, `${name}.key`);
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '825',
    '-keyout', key, '-out', cert, '-subj', '/CN=talon-hub', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost',
  ], { stdio: 'ignore' });
  return { cert, key };
}

function httpsJson(url: string, ca: Buffer): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    get(url, { ca }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
    }).on('error', reject);
  });
}

describe('hub.tls', () => {
  it('serves HTTPS and WSS on the same port, trusted with the certificate as CA', async () => {
    const dir = tempDir();
    const tls = makeCert(dir);
    const ca = readFileSync(tls.cert);
    const config = testConfig({ hub: { host: '127.0.0.1', port: 0, kioskTokens: [TOKENS.kiosk], adminTokens: [TOKENS.admin], tls } }, dir);
    const t = await startTestHub(dir, new TestClock(at('09:30')), [], config);
    try {
      expect(t.hub.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      const health = await httpsJson(`${t.hub.url}/health`, ca);
      expect(health).toMatchObject({ status: 200, body: { ok: true } });
      // Plain HTTP on that port is not served.
      await expect(fetch(t.hub.url.replace('https:', 'http:') + '/health')).rejects.toThrow();
      const desk = io(`${t.hub.url}/desk`, { auth: { token: TOKENS.desk(1) }, transports: ['websocket'], ca: ca.toString(), reconnection: false });
      try {
        const snapshot = await new Promise<{ desk?: { number: number } }>((resolve, reject) => {
          desk.once('snapshot', resolve);
          desk.once('connect_error', reject);
        });
        expect(snapshot.desk?.number).toBe(1);
      } finally {
        desk.close();
      }
      // A client that does not trust the certificate is not connected.
      const stranger = io(`${t.hub.url}/board`, { transports: ['websocket'], reconnection: false, forceNew: true });
      try {
        const err = await new Promise<Error>((resolve) => stranger.once('connect_error', resolve));
        const cause = (err as { description?: { message?: string; error?: { code?: string } } }).description;
        expect(`${err.message} ${cause?.message ?? ''} ${cause?.error?.code ?? ''}`).toMatch(/self[- ]signed|certificate|CERT/i);
      } finally {
        stranger.close();
      }
    } finally {
      await t.stop();
    }
  });

  it('refuses to start with a clear error for a missing file, a non-PEM file or a key of another certificate', async () => {
    const dir = tempDir();
    const good = makeCert(dir);
    const other = makeCert(dir, 'other');
    const junk = join(dir, 'junk.pem');
    writeFileSync(junk, 'not a certificate\n');
    const cases: [{ cert: string; key: string }, RegExp][] = [
      [{ cert: join(dir, 'missing.crt'), key: good.key }, /hub\.tls\.cert: file not found/],
      [{ cert: junk, key: good.key }, /hub\.tls\.cert: not a PEM certificate/],
      [{ cert: good.cert, key: junk }, /hub\.tls\.key: not a PEM private key/],
      [{ cert: good.cert, key: other.key }, /hub\.tls\.key: this key is not the one of the certificate/],
      [{ cert: dir, key: good.key }, /hub\.tls\.cert: cannot read the file \(EISDIR\)/],
    ];
    for (const [tls, message] of cases) {
      const config = testConfig({ hub: { host: '127.0.0.1', port: 0, tls } }, dir);
      const err = await startTestHub(dir, new TestClock(at('09:30')), [], config).then(
        async (t) => {
          await t.stop();
          return null;
        },
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as Error).message).toMatch(message);
    }
  });
});
