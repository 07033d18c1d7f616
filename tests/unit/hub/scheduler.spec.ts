import { describe, expect, it } from 'vitest';
import { memoryLog } from '../../../main/core/log.js';
import { Scheduler, type Timers } from '../../../main/hub/scheduler.js';

/** Timers the test fires by hand. */
function manualTimers() {
  let seq = 0;
  const jobs = new Map<number, { fn: () => void; every: boolean }>();
  const timers: Timers = {
    setTimeout: (fn) => (jobs.set(++seq, { fn, every: false }), seq),
    clearTimeout: (h) => void jobs.delete(h as number),
    setInterval: (fn) => (jobs.set(++seq, { fn, every: true }), seq),
    clearInterval: (h) => void jobs.delete(h as number),
  };
  const fire = () => {
    for (const [id, j] of [...jobs]) {
      if (!j.every) jobs.delete(id);
      j.fn();
    }
  };
  return { timers, fire, jobs };
}

describe('the scheduler', () => {
  it('runs repeating and one-off jobs, and a cancelled one not at all', () => {
    const m = manualTimers();
    const s = new Scheduler(memoryLog(), m.timers);
    const ran: string[] = [];
    s.every('sweep', 1000, () => ran.push('sweep'));
    s.after('stats', 100, () => ran.push('stats'));
    s.after('never', 100, () => ran.push('never')).cancel();
    m.fire();
    m.fire();
    expect(ran).toEqual(['sweep', 'stats', 'sweep']);
    expect(s.pending).toBe(1);
  });

  it('logs a job that throws, with its stack, and runs it again next time', async () => {
    const m = manualTimers();
    const log = memoryLog();
    const s = new Scheduler(log, m.timers);
    let runs = 0;
    s.every('retention', 1000, () => {
      runs++;
      throw new Error('disk full');
    });
    s.every('async', 1000, async () => {
      throw new Error('later');
    });
    m.fire();
    m.fire();
    await Promise.resolve();
    expect(runs).toBe(2);
    const failures = log.entries.filter((e) => e.msg === 'a scheduled job failed');
    expect(failures.map((e) => e.fields.job).sort()).toEqual(['async', 'async', 'retention', 'retention']);
    expect(failures).toHaveLength(4);
    expect(String(failures[0]!.fields.err)).toMatch(/disk full\n\s+at /);
  });

  it('clears every timer when disposed of, and schedules nothing after', () => {
    const m = manualTimers();
    const s = new Scheduler(memoryLog(), m.timers);
    s.every('a', 1000, () => undefined);
    s.after('b', 10, () => undefined);
    s.dispose();
    expect(m.jobs.size).toBe(0);
    s.every('c', 1000, () => undefined);
    expect(m.jobs.size).toBe(0);
    expect(s.pending).toBe(0);
  });

  it('schedules nothing for an interval of 0 (a test sweeps by hand)', () => {
    const m = manualTimers();
    const s = new Scheduler(memoryLog(), m.timers);
    s.every('sweep', 0, () => undefined);
    expect(m.jobs.size).toBe(0);
  });
});
