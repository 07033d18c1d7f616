/** `npm run bench`: every benchmark in turn, one JSON document on stdout. */
import * as callDecision from './callDecision.js';
import * as callToBoard from './callToBoard.js';
import * as pull from './pull.js';
import * as push from './push.js';
import * as checkInToPrint from './checkInToPrint.js';
import * as busAck from './busAck.js';
import * as clickToPaint from './clickToPaint.js';
import * as boardMemory from './boardMemory.js';
import * as liveTickets from './liveTickets.js';
import * as flood from './flood.js';

const benches = { callDecision, callToBoard, pull, push, checkInToPrint, busAck, clickToPaint, boardMemory, liveTickets, flood };
const only = process.argv[2];
const results: Record<string, unknown> = {};
for (const [name, bench] of Object.entries(benches)) {
  if (only && only !== name) continue;
  results[name] = await bench.run();
}
console.log(JSON.stringify({ machine: { node: process.version, cpus: (await import('node:os')).cpus().length }, results }, null, 2));
