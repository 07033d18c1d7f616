/** The reference central with 143 centres, in its own process for bench/liveTickets.ts; prints its URL. */
import { silentLog } from '../main/core/log.js';
import { startCentral } from '../sync/central/server.js';

const centres = Number(process.argv[2] ?? 143);
const central = await startCentral({
  file: ':memory:',
  log: silentLog,
  perTicketClient: { burst: 1e9, perMinute: 1e9 },
  setup: (c) => {
    for (let n = 0; n < centres; n++) {
      c.addCentre({
        id: String(8000 + n),
        name: `Centre ${n}`,
        services: [{ code: 'DL_EXCHANGE', uk: 'Обмін', en: 'Exchange', minutes: 15 }],
        desks: [{ number: 1, services: ['DL_EXCHANGE'] }],
        terminals: { 'hub-1': `token-${n}` },
      });
    }
  },
});
console.log(`URL ${central.url}`);
process.on('SIGTERM', () => void central.close().then(() => process.exit(0)));
