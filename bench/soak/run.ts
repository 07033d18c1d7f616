/**
 * `npm run soak`: the long runs kept out of `npm test` (fuzzing, a full simulated day). Every
 * `bench/soak/*.soak.ts` exports `run(): Promise<unknown>`; each prints its own JSON summary line and
 * the runner ends non-zero when any of them reports a failure (`{ ok: false }`) or throws.
 * `npm run soak -- NAME` runs only the soak whose file name starts with NAME:
 *
 *   npm run soak -- fuzz       hostile inputs at every boundary of a real hub (fuzz.soak.ts;
 *                              FUZZ_INPUTS, FUZZ_SECONDS, FUZZ_MAX_CRASHES, SEED, FUZZ_ONLY)
 *   npm run soak -- fieldDay   a full war-time day beside its calm twin (fieldDay.soak.ts; SEED)
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv[2];
const files = readdirSync(here)
  .filter((f) => f.endsWith('.soak.ts'))
  .filter((f) => !only || f.startsWith(only))
  .sort();
let failed = 0;
for (const file of files) {
  try {
    const mod = (await import(pathToFileURL(join(here, file)).href)) as { run(): Promise<unknown> };
    const result = await mod.run();
    console.log(JSON.stringify({ soak: file.replace(/\.soak\.ts$/, ''), result }));
    if (result && typeof result === 'object' && (result as { ok?: unknown }).ok === false) failed++;
  } catch (err) {
    failed++;
    console.log(JSON.stringify({ soak: file.replace(/\.soak\.ts$/, ''), error: String((err as Error)?.stack ?? err) }));
  }
}
if (files.length === 0) console.log(JSON.stringify({ soak: null, error: `no soak matches ${only ?? '*'}` }));
process.exit(failed > 0 || files.length === 0 ? 1 : 0);
