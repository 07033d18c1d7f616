import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore, PrintJobs, type NewPrintJob } from '../../../main/store/index.js';
import { useTempDir } from '../../helpers/tmp.js';

const tempDir = useTempDir();

const job = (jobId: string, over: Partial<NewPrintJob> = {}): NewPrintJob => ({
  jobId,
  bookingId: jobId.split('#')[0]!,
  actor: 'kiosk:1',
  day: '2026-03-10',
  content: { number: 1056, service: { uk: 'Обмін посвідчення водія' } },
  createdAt: 1000,
  ...over,
});

describe('kept print jobs', () => {
  it('lists the kept tickets in the order they were queued, content and all, after the file is opened again', () => {
    const file = join(tempDir(), 'talon.db');
    const store = openStore(file);
    const jobs = new PrintJobs(store);
    jobs.add(job('B2'));
    jobs.add(job('B1'));
    jobs.add(job('B2#r1', { actor: 'desk:1' }));
    store.close();

    const again = openStore(file);
    expect(new PrintJobs(again).list()).toEqual([
      { ...job('B2'), attempts: 0, state: 'queued', problem: null },
      { ...job('B1'), attempts: 0, state: 'queued', problem: null },
      { ...job('B2#r1', { actor: 'desk:1' }), attempts: 0, state: 'queued', problem: null },
    ]);
    again.close();
  });

  it('leaves a ticket already waiting as it is when the same job is kept again', () => {
    const store = openStore(join(tempDir(), 'talon.db'));
    const jobs = new PrintJobs(store);
    jobs.add(job('B1'));
    jobs.attempted('B1');
    jobs.add(job('B1', { createdAt: 2000 }));
    expect(jobs.list()).toMatchObject([{ jobId: 'B1', createdAt: 1000, attempts: 1, state: 'queued' }]);
    store.close();
  });

  it('keeps a ticket set aside to be seen, and queues it again when the same job is kept anew', () => {
    const store = openStore(join(tempDir(), 'talon.db'));
    const jobs = new PrintJobs(store);
    jobs.add(job('B1'));
    jobs.setAside('B1', 'failed', 'cutter_error');
    expect(jobs.list()).toMatchObject([{ jobId: 'B1', state: 'failed', problem: 'cutter_error' }]);
    jobs.add(job('B1', { createdAt: 2000 }));
    expect(jobs.list()).toMatchObject([{ jobId: 'B1', createdAt: 2000, state: 'queued', problem: null }]);
    store.close();
  });

  it('forgets a printed ticket and only that one', () => {
    const store = openStore(join(tempDir(), 'talon.db'));
    const jobs = new PrintJobs(store);
    jobs.add(job('B1'));
    jobs.add(job('B2'));
    jobs.remove('B1');
    jobs.remove('B1');
    expect(jobs.list().map((j) => j.jobId)).toEqual(['B2']);
    store.close();
  });

  it('refuses a state it does not know', () => {
    const store = openStore(join(tempDir(), 'talon.db'));
    const jobs = new PrintJobs(store);
    jobs.add(job('B1'));
    expect(() => jobs.setAside('B1', 'lost' as 'failed', null)).toThrow(/CHECK constraint/);
    store.close();
  });
});
