import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HUB_EXIT_CONFIG } from '../../../main/electron/hubMessages.js';
import { HubSetupError, superviseHub, type StartedHub } from '../../../main/electron/hubSupervisor.js';

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

/** A started hub whose process the test ends with an exit code. */
interface Hub extends StartedHub {
  end(code: number): void;
}

/**
 * Hub processes that fail to start `failures` times (the port still taken), then listen on 7300,
 * 7301, …; each one ends when the test says so, or with 0 when closed.
 */
function hubProcesses(failures: number, failWith: Error = new Error('listen EADDRINUSE: address already in use 127.0.0.1:7300')) {
  let calls = 0;
  const closed: string[] = [];
  const running: Hub[] = [];
  const start = async (): Promise<StartedHub> => {
    calls += 1;
    if (calls <= failures) throw failWith;
    const url = `http://127.0.0.1:${7300 + calls - failures - 1}`;
    let end: (code: number) => void = () => undefined;
    const exited = new Promise<number>((resolve) => (end = resolve));
    const hub: Hub = {
      url,
      exited,
      end,
      close: async () => {
        closed.push(url);
        end(0);
      },
    };
    running.push(hub);
    return hub;
  };
  return { start, calls: () => calls, closed, running };
}

describe('the hub process supervisor', () => {
  it('retries a hub that does not start, waiting longer each time', async () => {
    const hubs = hubProcesses(3);
    const log: string[] = [];
    const supervisor = superviseHub({ start: hubs.start, log: (l) => log.push(l) });
    let url: string | undefined;
    void supervisor.started.then((u) => (url = u));

    await vi.advanceTimersByTimeAsync(0);
    expect(hubs.calls()).toBe(1);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(hubs.calls()).toBe(2);
    await vi.advanceTimersByTimeAsync(1_999);
    expect(hubs.calls()).toBe(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(hubs.calls()).toBe(3);
    await vi.advanceTimersByTimeAsync(4_000);

    expect(url).toBe('http://127.0.0.1:7300');
    expect(supervisor.url()).toBe('http://127.0.0.1:7300');
    expect(log[0]).toBe('hub: the hub did not start: listen EADDRINUSE: address already in use 127.0.0.1:7300; starting it again in 1000 ms');
  });

  it('starts a new hub process when the running one ends by itself, with back-off if it keeps ending', async () => {
    const hubs = hubProcesses(0);
    const log: string[] = [];
    const supervisor = superviseHub({ start: hubs.start, log: (l) => log.push(l) });
    await supervisor.started;

    hubs.running[0]!.end(1);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(hubs.calls()).toBe(2);
    expect(supervisor.url()).toBe('http://127.0.0.1:7301');

    // A crash (SIGSEGV as 139) soon after: the next start waits twice as long.
    hubs.running[1]!.end(139);
    await vi.advanceTimersByTimeAsync(1_999);
    expect(hubs.calls()).toBe(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(hubs.calls()).toBe(3);
    expect(log).toEqual([
      'hub: the hub process ended with exit code 1; starting it again in 1000 ms',
      'hub: the hub process ended with exit code 139; starting it again in 2000 ms',
    ]);
  });

  it('starts over from the first delay once a hub has run for a while', async () => {
    const hubs = hubProcesses(0);
    const log: string[] = [];
    const supervisor = superviseHub({ start: hubs.start, log: (l) => log.push(l), stableAfterMs: 60_000 });
    await supervisor.started;
    hubs.running[0]!.end(1);
    await vi.advanceTimersByTimeAsync(1_000);

    await vi.advanceTimersByTimeAsync(60_000);
    hubs.running[1]!.end(1);
    await vi.advanceTimersByTimeAsync(1_000);

    expect(hubs.calls()).toBe(3);
    expect(log.at(-1)).toBe('hub: the hub process ended with exit code 1; starting it again in 1000 ms');
  });

  it('does not retry a hub that cannot use its set-up (exit code 78), before or after it ran', async () => {
    const cannot = Object.assign(new Error('the hub process ended with exit code 78: EACCES: permission denied'), { code: HUB_EXIT_CONFIG });
    const first = superviseHub({ start: hubProcesses(1, cannot).start, log: () => undefined });
    await expect(first.started).rejects.toBeInstanceOf(HubSetupError);

    const hubs = hubProcesses(0);
    const setupErrors: string[] = [];
    const second = superviseHub({ start: hubs.start, log: () => undefined, onSetupError: (e) => setupErrors.push(e.message) });
    await second.started;
    hubs.running[0]!.end(HUB_EXIT_CONFIG);
    await vi.advanceTimersByTimeAsync(60_000);

    expect(hubs.calls()).toBe(1);
    expect(setupErrors).toEqual(['the hub process ended with exit code 78']);
  });

  it('stops for good: the running hub is closed, and its exit is not a reason to start another', async () => {
    const hubs = hubProcesses(0);
    const supervisor = superviseHub({ start: hubs.start, log: () => undefined });
    await supervisor.started;

    await supervisor.stop();
    await vi.advanceTimersByTimeAsync(60_000);

    expect(hubs.closed).toEqual(['http://127.0.0.1:7300']);
    expect(hubs.calls()).toBe(1);
  });
});
