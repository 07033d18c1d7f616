import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { superviseHub, type StartedHub } from '../../../main/electron/hubSupervisor.js';

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

/** Hubs that fail to start `failures` times (the port still taken), then listen on 7300, 7301, … */
function flakyHubs(failures: number) {
  let calls = 0;
  const closed: string[] = [];
  const start = async (): Promise<StartedHub> => {
    calls += 1;
    if (calls <= failures) throw new Error('listen EADDRINUSE: address already in use 127.0.0.1:7300');
    const url = `http://127.0.0.1:${7300 + calls - failures - 1}`;
    return { url, close: async () => void closed.push(url) };
  };
  return { start, calls: () => calls, closed };
}

describe('the in-process hub supervisor', () => {
  it('retries a hub that does not start, waiting longer each time', async () => {
    const hubs = flakyHubs(3);
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

  it('closes a broken hub and starts a new one, once however often it is asked', async () => {
    const hubs = flakyHubs(0);
    const supervisor = superviseHub({ start: hubs.start, log: () => undefined });
    await supervisor.started;

    supervisor.restart('uncaught error');
    supervisor.restart('another uncaught error');
    await vi.advanceTimersByTimeAsync(1_000);

    expect(hubs.closed).toEqual(['http://127.0.0.1:7300']);
    expect(hubs.calls()).toBe(2);
    expect(supervisor.url()).toBe('http://127.0.0.1:7301');
  });

  it('stops for good: no restart after stop, and the running hub is closed', async () => {
    const hubs = flakyHubs(0);
    const supervisor = superviseHub({ start: hubs.start, log: () => undefined });
    await supervisor.started;

    await supervisor.stop();
    supervisor.restart('too late');
    await vi.advanceTimersByTimeAsync(60_000);

    expect(hubs.closed).toEqual(['http://127.0.0.1:7300']);
    expect(hubs.calls()).toBe(1);
  });
});
