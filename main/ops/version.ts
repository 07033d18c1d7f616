/**
 * The version this Talon runs: package.json's, found by walking up from this module, so it is the
 * same from a checkout (main/ops), a build (dist/main/ops) and a packaged app (app.asar/dist/main/ops).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | null = null;

export function talonVersion(): string {
  if (cached) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: unknown; version?: unknown };
      if (pkg.name === 'talon' && typeof pkg.version === 'string') return (cached = pkg.version);
    } catch {
      // not here; one folder up
    }
    dir = dirname(dir);
  }
  return (cached = 'unknown');
}
