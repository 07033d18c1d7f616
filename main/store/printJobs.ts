/**
 * The hub's side of migration 004_print_jobs, the device outbox: a ticket's job is written in the
 * transaction of the check-in, booking or pickup that makes it, and stays until it printed, so a
 * crash between the commit and the printer, or a ticket waiting for paper, is printed after a restart. The ticket's content is kept as JSON; what
 * it holds is the printer's business (hardware/printer/ticketLayout.ts), not the store's.
 */
import type { Store } from './store.js';

/** `queued` waits for the printer; `failed` and `expired` were set aside and are kept to be seen. */
export type PrintJobState = 'queued' | 'failed' | 'expired';

export interface NewPrintJob {
  jobId: string;
  bookingId: string;
  /** The actor (kiosk, desk) told how the printing goes. */
  actor: string;
  /** The centre's date the ticket belongs to, YYYY-MM-DD. */
  day: string;
  content: unknown;
  createdAt: number;
}

export interface PrintJobRecord extends NewPrintJob {
  /** Times the ticket was sent to the printer without counting as printed. */
  attempts: number;
  state: PrintJobState;
  problem: string | null;
}

interface PrintJobRow {
  job_id: string;
  booking_id: string;
  actor: string;
  day: string;
  content: string;
  created_at: number;
  attempts: number;
  state: PrintJobState;
  problem: string | null;
}

export class PrintJobs {
  private readonly stmt;

  constructor(readonly store: Store) {
    const db = store.db;
    this.stmt = {
      // A job set aside earlier and queued again (the same check-in printing anew) waits again.
      add: db.prepare(`INSERT INTO print_jobs (job_id, booking_id, actor, day, content, created_at)
        VALUES (@jobId, @bookingId, @actor, @day, @content, @createdAt)
        ON CONFLICT (job_id) DO UPDATE SET actor = excluded.actor, day = excluded.day, content = excluded.content,
          created_at = excluded.created_at, state = 'queued', problem = NULL
        WHERE print_jobs.state <> 'queued'`),
      remove: db.prepare('DELETE FROM print_jobs WHERE job_id = ?'),
      attempted: db.prepare('UPDATE print_jobs SET attempts = attempts + 1 WHERE job_id = ?'),
      setAside: db.prepare('UPDATE print_jobs SET state = ?, problem = ? WHERE job_id = ?'),
      list: db.prepare('SELECT * FROM print_jobs ORDER BY seq'),
      latestOf: db.prepare('SELECT * FROM print_jobs WHERE booking_id = ? ORDER BY seq DESC LIMIT 1'),
    };
  }

  /** Keeps a queued ticket; one already waiting under the id is left as it is. */
  add(job: NewPrintJob): void {
    this.stmt.add.run({ ...job, content: JSON.stringify(job.content) });
  }

  /** Forgets a ticket that printed. */
  remove(jobId: string): void {
    this.stmt.remove.run(jobId);
  }

  attempted(jobId: string): void {
    this.stmt.attempted.run(jobId);
  }

  /** Marks a ticket that will not be printed, with why; it stays in the table to be seen. */
  setAside(jobId: string, state: Exclude<PrintJobState, 'queued'>, problem: string | null): void {
    this.stmt.setAside.run(state, problem, jobId);
  }

  /** Every kept ticket in the order it was queued. */
  list(): PrintJobRecord[] {
    return (this.stmt.list.all() as PrintJobRow[]).map(record);
  }

  /** The newest kept ticket of a booking; none when every ticket of it printed (or none was made). */
  latestOf(bookingId: string): PrintJobRecord | undefined {
    const row = this.stmt.latestOf.get(bookingId) as PrintJobRow | undefined;
    return row && record(row);
  }
}

function record(r: PrintJobRow): PrintJobRecord {
  return {
    jobId: r.job_id,
    bookingId: r.booking_id,
    actor: r.actor,
    day: r.day,
    content: JSON.parse(r.content) as unknown,
    createdAt: r.created_at,
    attempts: r.attempts,
    state: r.state,
    problem: r.problem,
  };
}
