/**
 * The hall board's memory over a long day: the JS heap of a board page in headless Chromium after
 * a warm-up, then after 10,000 more calls (each with its announcement), both after a forced GC.
 * Prints JSON. Goal: heap growth ≤ 5 %.
 */
import { ask, cmdId, connected, TOKENS } from '../tests/helpers/hub.js';
import { openRole, SIZES } from '../tests/e2e/browser.js';
import { benchFloor } from '../tests/e2e/benchFloor.js';

const CALLS = Number(process.env.BENCH_BOARD_CALLS ?? 10_000);
// A warm-up long enough for V8 to finish compiling the hot paths and for Chromium to fill its
// fixed-size performance buffers (layout shifts): what grows after that is what the board keeps.
const WARMUP = 1000;

export async function run(): Promise<Record<string, unknown>> {
  const total = CALLS + WARMUP;
  const floor = await benchFloor(total);
  try {
    const board = await openRole(floor.browser, 'board', { size: SIZES.landscape });
    await board.page.goto(`${floor.hub.url}/board`);
    await board.page.waitForSelector('[data-testid=board-services]');
    const cdp = await board.context.newCDPSession(board.page);
    // Desks 1 and 2 serve DL_EXCHANGE, the service every bench visitor booked.
    const desks = [1, 2].map((n) => floor.client('desk', TOKENS.desk(n)));
    await Promise.all(desks.map(connected));

    const heap = async () => {
      for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage');
      return (await cdp.send('Runtime.getHeapUsage')).usedSize;
    };
    const calls = async (from: number, count: number) => {
      for (let i = from; i < from + count; i++) {
        const desk = desks[i % desks.length]!;
        const ack = await ask<{ ok: boolean }>(desk, 'callNext', { commandId: cmdId() });
        if (!ack.ok) throw new Error(`call ${i}: ${JSON.stringify(ack)}`);
        await ask(desk, 'finish', { commandId: cmdId() });
      }
      const last = String(floor.hub.floor.state().recentCalls.at(-1)!.number);
      await board.page.waitForSelector(`[data-testid=latest-call][data-number="${last}"]`);
    };

    await calls(0, WARMUP);
    const before = await heap();
    const started = Date.now();
    await calls(WARMUP, CALLS);
    const seconds = (Date.now() - started) / 1000;
    // Let the announcement queue and the blinking end before measuring.
    await board.page.waitForTimeout(5000);
    const after = await heap();
    const growth = (after - before) / before;
    const dom = await board.page.evaluate(() => document.getElementsByTagName('*').length);
    return {
      bench: 'board memory over 10k calls (Chromium)',
      calls: CALLS,
      heapBeforeBytes: before,
      heapAfterBytes: after,
      heapGrowthPercent: Math.round(growth * 10_000) / 100,
      domElementsAfter: dom,
      callsPerSecond: Math.round(CALLS / seconds),
      goal: { heapGrowthPercent: 5 },
      met: growth <= 0.05,
    };
  } finally {
    await floor.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(await run(), null, 2));
