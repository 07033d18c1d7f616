/**
 * Optional TLS for the hub (docs/security.md, TLS): with `hub.tls: { cert, key }` the one port
 * serves HTTPS and the sockets WSS; without it, plain HTTP as before. The files are read and checked
 * at start-up, so a wrong path or a key that is not the certificate's stops the start with a line
 * saying which, not a stack trace.
 */
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import { ConfigError } from '../config/load.js';
import type { TalonConfig } from '../config/schema.js';
import type { Log } from '../core/log.js';
import type { Millis } from '../core/types.js';

export type HubHttpServer = HttpServer | HttpsServer;
type Handler = (req: IncomingMessage, res: ServerResponse) => void;

const DAY = 24 * 3600_000;

function problem(key: 'hub.tls.cert' | 'hub.tls.key', file: string, message: string): ConfigError {
  return new ConfigError(file, [{ path: key, line: null, column: null, message }]);
}

function readPem(key: 'hub.tls.cert' | 'hub.tls.key', file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw problem(key, file, code === 'ENOENT' ? 'file not found' : `cannot read the file (${code ?? String(err)})`);
  }
}

/** The PEM pair checked: a certificate, a private key, the key the certificate's. Throws a ConfigError. */
export function readTlsFiles(tls: { cert: string; key: string }, now: Millis = Date.now(), log?: Log): { cert: Buffer; key: Buffer } {
  const cert = readPem('hub.tls.cert', tls.cert);
  const key = readPem('hub.tls.key', tls.key);
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(cert);
  } catch (err) {
    throw problem('hub.tls.cert', tls.cert, `not a PEM certificate (${(err as Error).message})`);
  }
  let privateKey;
  try {
    privateKey = createPrivateKey(key);
  } catch (err) {
    throw problem('hub.tls.key', tls.key, `not a PEM private key, or one with a passphrase (${(err as Error).message})`);
  }
  if (!x509.checkPrivateKey(privateKey)) throw problem('hub.tls.key', tls.key, `this key is not the one of the certificate ${tls.cert}`);
  const until = Date.parse(x509.validTo);
  if (until < now) log?.warn({ cert: tls.cert, validTo: x509.validTo }, 'the TLS certificate has expired: devices will refuse the hub');
  else if (until < now + 30 * DAY) log?.warn({ cert: tls.cert, validTo: x509.validTo }, 'the TLS certificate expires within 30 days');
  return { cert, key };
}

/** An HTTPS server when the config has `hub.tls`, else HTTP; the caller listens. */
export function createHubServer(config: TalonConfig, handler: Handler, log?: Log): HubHttpServer {
  const tls = config.hub.tls;
  if (!tls) return createHttpServer(handler);
  const files = readTlsFiles(tls, Date.now(), log);
  try {
    return createHttpsServer({ cert: files.cert, key: files.key }, handler);
  } catch (err) {
    throw problem('hub.tls.cert', tls.cert, `the certificate and key cannot serve TLS (${(err as Error).message})`);
  }
}

/** `https` when the hub serves TLS. */
export function hubScheme(config: TalonConfig): 'http' | 'https' {
  return config.hub.tls ? 'https' : 'http';
}
