/** `npm run bench`: every benchmark in turn, one JSON document on stdout. */
import * as callDecision from './callDecision.js';
import * as callToBoard from './callToBoard.js';

const benches = { callDecision, callToBoard };
const only = process.argv[2];
const results: Record<string, unknown> = {};
for (const [name, bench] of Object.entries(benches)) {
  if (only && only !== name) continue;
  results[name] = await bench.run();
}
console.log(JSON.stringify({ machine: { node: process.version, cpus: (await import('node:os')).cpus().length }, results }, null, 2));
