/** The HTTP router alone, on a real loopback server, and the pages it serves from a build folder. */
import fc from 'fast-check';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { memoryLog } from '../../../main/core/log.js';
import { PAGE_POLICY, servePage } from '../../../main/hub/pages.js';
import { Router } from '../../../main/hub/router.js';
import { useTempDir } from '../../helpers/tmp.js';

const tempDir = useTempDir();
const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await new Promise((r) => s.close(r));
});

async function serve(router: Router): Promise<number> {
  const server = createServer(router.listener);
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return (server.address() as AddressInfo).port;
}

/** A raw request, so a path no URL class would build still reaches the server as sent. */
function raw(port: number, method: string, path: string): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function distWithBoard(): string {
  const dist = tempDir();
  mkdirSync(join(dist, 'board'));
  mkdirSync(join(dist, 'assets'));
  writeFileSync(join(dist, 'board', 'index.html'), '<!doctype html><title>board</title>');
  writeFileSync(join(dist, 'assets', 'board-1.js'), 'console.log(1)');
  return dist;
}

describe('the HTTP router', () => {
  it('answers an exact path, 405 with Allow for another method, and 404 for what no route takes', async () => {
    const router = new Router(memoryLog()).on('/health', ['GET'], (_q, res) => void res.end('ok'));
    const port = await serve(router);
    expect(await raw(port, 'GET', '/health')).toMatchObject({ status: 200, body: 'ok' });
    expect(await raw(port, 'DELETE', '/health')).toMatchObject({ status: 405, headers: { allow: 'GET' } });
    expect(await raw(port, 'GET', '/nowhere')).toMatchObject({ status: 404 });
  });

  it('answers 500 INTERNAL for a handler that throws or rejects, logs it once with its stack, and goes on', async () => {
    const log = memoryLog();
    const router = new Router(log)
      .on('/throws', ['GET'], () => {
        throw new Error('sync boom');
      })
      .on('/rejects', ['GET'], async () => {
        throw new Error('async boom');
      })
      .use('matcher', (req) => {
        if (req.url === '/matcher') throw new Error('matcher boom');
        return false;
      });
    const port = await serve(router);
    for (const path of ['/throws', '/rejects', '/matcher']) {
      const res = await raw(port, 'GET', path);
      expect(res.status, path).toBe(500);
      expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    }
    const failures = log.entries.filter((e) => e.msg === 'an HTTP request failed');
    expect(failures).toHaveLength(3);
    expect(String(failures[0]!.fields.err)).toMatch(/sync boom\n\s+at /);
    expect(await raw(port, 'GET', '/nowhere')).toMatchObject({ status: 404 });
  });

  it('puts nosniff and no-referrer on every answer, errors included', async () => {
    const router = new Router(memoryLog()).on('/x', ['GET'], () => {
      throw new Error('boom');
    });
    const port = await serve(router);
    for (const [method, path] of [['GET', '/x'], ['GET', '/404'], ['POST', '/x']] as const) {
      const res = await raw(port, method, path);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
    }
  });

  it('answers any path and query with a status below 500, never taking the server down (property)', async () => {
    const dist = distWithBoard();
    const router = new Router(memoryLog()).on('/health', ['GET'], (_q, res) => void res.end('ok')).use('pages', (req, res) => servePage(req, res, dist));
    const port = await serve(router);
    const segment = fc.oneof(
      fc.string({ maxLength: 20 }).map(encodeURIComponent),
      fc.constantFrom('%', '%Z', '%ZZ', '%E0%A4%A', '%C0%AF', '%00', '..', '%2e%2e', '%2F', 'assets', 'board', '~', ';'),
    );
    const path = fc.tuple(fc.array(segment, { maxLength: 5 }), fc.option(fc.array(segment, { maxLength: 3 }))).map(([parts, q]) => `/${parts.join('/')}${q ? `?${q.join('&')}` : ''}`);
    await fc.assert(
      fc.asyncProperty(path, fc.constantFrom('GET', 'HEAD', 'POST'), fc.boolean(), async (p, method, asAsset) => {
        const res = await raw(port, method, asAsset ? `/assets${p}` : p);
        expect(res.status).toBeLessThan(500);
      }),
      { numRuns: 300 },
    );
    expect(await raw(port, 'GET', '/health')).toMatchObject({ status: 200 });
  });
});

describe('the pages', () => {
  it('serve a page with its policy and an asset, and never a file outside the build', async () => {
    const dist = distWithBoard();
    const router = new Router(memoryLog()).use('pages', (req, res) => servePage(req, res, dist));
    const port = await serve(router);
    const page = await raw(port, 'GET', '/board');
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toBe(PAGE_POLICY);
    for (const d of ["connect-src 'self'", "object-src 'none'", "base-uri 'none'", "form-action 'self'", "frame-ancestors 'none'"]) expect(PAGE_POLICY).toContain(d);
    expect(await raw(port, 'GET', '/assets/board-1.js')).toMatchObject({ status: 200, body: 'console.log(1)' });
    expect((await raw(port, 'GET', '/assets/%2e%2e/board/index.html')).status).toBe(404);
    expect((await raw(port, 'GET', '/assets/%E0%A4%A')).status).toBe(404);
    expect((await raw(port, 'GET', '/assets/%ZZ')).status).toBe(404);
  });
});
