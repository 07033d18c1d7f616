import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_RECOVERY } from '../../../main/electron/recovery.js';
import { useTempDir } from '../../helpers/tmp.js';
import { NET_ERROR, resetElectronFake } from '../../fakes/electron.js';
import { HUB_URL, startDevShell, writeConfig } from './harness.js';

vi.mock('../../../main/electron/electron.js', () => import('../../fakes/electron.js'));

const tempDir = useTempDir('talon-recovery-');
const KIOSK_PAGE = `${HUB_URL}/kiosk`;

beforeEach(() => {
  resetElectronFake();
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

async function kioskPage() {
  const { windows, log } = await startDevShell(writeConfig(tempDir(), [{ role: 'kiosk', display: 0, fullscreen: true }]));
  return { page: windows[0]!.webContents, log };
}

/** The delays, in ms, between each crash and the reload that follows it. */
async function reloadDelaysAfterCrashes(page: Awaited<ReturnType<typeof kioskPage>>['page'], crashes: number): Promise<number[]> {
  const delays: number[] = [];
  for (let i = 0; i < crashes; i++) {
    page.simulateCrash();
    const loadsBefore = page.loads.length;
    let waited = 0;
    while (page.loads.length === loadsBefore) {
      await vi.advanceTimersByTimeAsync(100);
      waited += 100;
    }
    delays.push(waited);
    page.simulateLoadFinished();
  }
  return delays;
}

describe('crash recovery', () => {
  it('reloads a crashed renderer after growing delays, capped at 30 seconds', async () => {
    const { page, log } = await kioskPage();
    page.simulateLoadFinished();

    expect(await reloadDelaysAfterCrashes(page, 7)).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000]);
    expect(page.loads.every((url) => url === KIOSK_PAGE)).toBe(true);
    expect(log).toContain('kiosk window: renderer gone (crashed, exit code 139); loading again in 1000 ms');
  });

  it('starts again from the shortest delay once the window has stayed up', async () => {
    const { page } = await kioskPage();
    page.simulateLoadFinished();
    await reloadDelaysAfterCrashes(page, 3);

    await vi.advanceTimersByTimeAsync(DEFAULT_RECOVERY.stableAfterMs);

    expect(await reloadDelaysAfterCrashes(page, 1)).toEqual([1_000]);
  });

  it('retries a failed load with back-off until the hub answers', async () => {
    const { page, log } = await kioskPage();

    for (const delay of [500, 1_000, 2_000, 4_000]) {
      page.simulateLoadFailed();
      const loads = page.loads.length;
      await vi.advanceTimersByTimeAsync(delay - 1);
      expect(page.loads).toHaveLength(loads);
      await vi.advanceTimersByTimeAsync(1);
      expect(page.loads).toHaveLength(loads + 1);
    }
    page.simulateLoadFinished();

    expect(page.loads).toEqual(Array(5).fill(KIOSK_PAGE));
    expect(log).toContain(`kiosk window: could not load ${KIOSK_PAGE} (ERR_CONNECTION_REFUSED); loading again in 500 ms`);
  });

  it('does not count a load cut short by the next one as a failure', async () => {
    const { page } = await kioskPage();

    page.simulateLoadFailed(NET_ERROR.ABORTED, 'ERR_ABORTED');
    await vi.advanceTimersByTimeAsync(60_000);

    expect(page.loads).toEqual([KIOSK_PAGE]);
  });

  it('kills a renderer that stays unresponsive, then loads the page again', async () => {
    const { page, log } = await kioskPage();
    page.simulateLoadFinished();

    page.simulateUnresponsive();
    await vi.advanceTimersByTimeAsync(DEFAULT_RECOVERY.hangGraceMs);
    expect(page.crashRequests).toBe(1);
    await vi.advanceTimersByTimeAsync(DEFAULT_RECOVERY.crash.firstMs);

    expect(page.loads).toEqual([KIOSK_PAGE, KIOSK_PAGE]);
    expect(log).toContain('kiosk window: unresponsive for 10000 ms; killing its renderer');
  });

  it('leaves a page alone that becomes responsive again in time', async () => {
    const { page } = await kioskPage();
    page.simulateLoadFinished();

    page.simulateUnresponsive();
    await vi.advanceTimersByTimeAsync(DEFAULT_RECOVERY.hangGraceMs - 1);
    page.simulateResponsive();
    await vi.advanceTimersByTimeAsync(60_000);

    expect(page.crashRequests).toBe(0);
    expect(page.loads).toEqual([KIOSK_PAGE]);
  });

  it('keeps one retry pending however many failures arrive meanwhile', async () => {
    const { page } = await kioskPage();
    page.simulateLoadFinished();

    page.simulateCrash();
    page.simulateCrash('oom');
    await vi.advanceTimersByTimeAsync(30_000);
    expect(page.loads).toEqual([KIOSK_PAGE, KIOSK_PAGE]);

    // ...and the failures that found a retry pending did not lengthen the next delay.
    page.simulateLoadFinished();
    expect(await reloadDelaysAfterCrashes(page, 1)).toEqual([2_000]);
  });
});
