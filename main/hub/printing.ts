/**
 * The hub's ticket printer (TicketPrinter): a committed ticket is laid out, encoded for the
 * configured printer's profile and queued; progress goes to the kiosk that checked in as `print`
 * events, the printer's state to every kiosk as `printer` and to the device list. With
 * `transport: virtual` the hub starts its own virtual printer on loopback and keeps the PNGs.
 * Given the store, every ticket's job is written in the transaction of the change that makes it (the
 * device outbox, `keep`), kept until it printed and queued again at start-up, so neither a crash
 * between the commit and the printer nor a ticket waiting for paper loses a ticket.
 */
import { join } from 'node:path';
import { localParts } from '../core/clock.js';
import type { TalonConfig } from '../config/schema.js';
import { PrintJobs, type NewPrintJob, type PrintJobRecord, type Store } from '../store/index.js';
import { encodeTicket } from '../../hardware/printer/escpos.js';
import { PrintQueue, type JobState, type QueueState } from '../../hardware/printer/printQueue.js';
import type { PrinterProfile } from '../../hardware/printer/profile.js';
import { layoutTicket, type TicketContent } from '../../hardware/printer/ticketLayout.js';
import { spoolerLink, usbFileLink } from '../../hardware/printer/transports/oneWay.js';
import { silentLog, type Log } from '../core/log.js';
import type { PrinterLink } from '../../hardware/printer/transports/link.js';
import { serialLink } from '../../hardware/printer/transports/serial.js';
import { tcpLink } from '../../hardware/printer/transports/tcp.js';
import { startVirtualPrinter, type VirtualPrinter } from '../../hardware/printer/virtual/server.js';
import type { PrinterView, PrintView, TicketView } from '../../sync/protocol/hub.js';
import type { HubPorts, TicketPrinter } from './extensions.js';

export type PrinterConfig = NonNullable<TalonConfig['printer']>;

export interface PrintingOptions {
  /** How often a blocked queue looks whether the printer is back, and an idle one reads status. */
  retryEveryMs?: number;
  pollEveryMs?: number;
  statusTimeoutMs?: number;
  /** Overrides the link made from the config (tests, benches). */
  link?: PrinterLink;
  /** Where queued tickets are kept until they print; without it they are lost with the process. */
  store?: Store;
}

export function profileOf(config: PrinterConfig): PrinterProfile {
  return { codepage: config.codepage, escT: config.escT, columns: config.width };
}

export function linkFor(config: PrinterConfig): PrinterLink {
  const need = () => {
    if (!config.address) throw new Error(`printer.address is needed for transport ${config.transport}`);
    return config.address;
  };
  switch (config.transport) {
    case 'tcp':
      return tcpLink(need());
    case 'serial':
      return serialLink(need(), config.baudRate ?? 9600);
    case 'usb':
      return usbFileLink(need());
    case 'spooler':
      return spoolerLink(need());
    case 'virtual':
      throw new Error('a virtual printer is started by the hub, not linked to');
  }
}

/** The hub's ticket view → what the ticket layout needs. */
export function ticketContent(config: TalonConfig, ticket: TicketView, code: string, now: number): TicketContent {
  const service = config.services.find((s) => s.code === ticket.service);
  return {
    centre: config.centre.name,
    service: { uk: service?.uk ?? ticket.service, en: service?.en ?? ticket.service },
    number: ticket.number,
    priority: ticket.priority,
    time: ticket.time,
    desks: ticket.desks,
    code,
    printedAt: localParts(now, config.centre.timezone),
    reprint: ticket.reprint,
    wait:
      ticket.peopleAhead != null && ticket.estimatedWaitMinutes != null
        ? { peopleAhead: ticket.peopleAhead, minutes: ticket.estimatedWaitMinutes }
        : null,
    ...(ticket.liveUrl ? { liveUrl: ticket.liveUrl } : {}),
  };
}

function printerView(q: QueueState): PrinterView {
  return { state: q.state, queued: q.queued };
}

export class HubPrinter implements TicketPrinter {
  readonly name = 'printer';
  private ports: HubPorts | null = null;
  private log: Log = silentLog;
  private queue: PrintQueue | null = null;
  /** The virtual printer this hub started (transport: virtual). */
  virtual: VirtualPrinter | null = null;
  /** bookingId → the id of its latest print job; job id → the actor to tell. */
  private readonly latest = new Map<string, string>();
  private readonly actorOf = new Map<string, string>();
  private reprints = 0;
  private readonly jobs: PrintJobs | null;
  /** Jobs sent to the printer since their last state; one that comes back waiting was an attempt. */
  private readonly sent = new Set<string>();
  /** True while the queue takes a job: the `printing` it reports then is not a send. */
  private enqueuing = false;
  /** Jobs written in their change's transaction, by booking, until `print` sends them. */
  private readonly kept = new Map<string, NewPrintJob>();

  constructor(private readonly config: PrinterConfig, private readonly options: PrintingOptions = {}) {
    this.jobs = options.store ? new PrintJobs(options.store) : null;
  }

  async attach(ports: HubPorts): Promise<void> {
    this.ports = ports;
    this.log = ports.log.child({ component: 'printer' });
    let link = this.options.link;
    if (!link && this.config.transport === 'virtual') {
      this.virtual = await startVirtualPrinter({
        port: this.config.address ? Number(this.config.address.split(':').pop()) : 0,
        pngDir: this.config.pngDir ?? join(ports.config.data.dir, 'tickets'),
        columns: this.config.width,
      });
      link = tcpLink(this.virtual.address);
      this.log.info({ address: this.virtual.address, pngDir: this.config.pngDir ?? join(ports.config.data.dir, 'tickets') }, 'virtual printer started; tickets are PNGs');
    }
    link ??= linkFor(this.config);
    this.queue = new PrintQueue(link, {
      retryEveryMs: this.options.retryEveryMs ?? 2000,
      pollEveryMs: this.options.pollEveryMs ?? 10_000,
      statusTimeoutMs: this.options.statusTimeoutMs ?? 1000,
    });
    this.queue.on('job', (job) => this.onJob(job));
    this.queue.on('printer', (state) => this.onPrinter(state, link.name));
    this.onPrinter(this.queue.state(), link.name);
    this.restore(ports);
  }

  /**
   * Queues again, in their order, the tickets kept from before a restart. A ticket of another day
   * is not printed (its number means nothing on today's floor): it is set aside and stays in the table.
   */
  private restore(ports: HubPorts): void {
    const kept = this.keeping('read the kept tickets', (jobs) => jobs.list()) ?? [];
    const today = ports.floor.state().day;
    let queued = 0;
    for (const job of kept) {
      // New reprints are numbered past every kept one, so no two jobs share an id.
      const reprint = /#r(\d+)$/.exec(job.jobId);
      if (reprint) this.reprints = Math.max(this.reprints, Number(reprint[1]));
      if (job.state !== 'queued') continue;
      if (job.day !== today) {
        this.log.warn({ jobId: job.jobId, day: job.day, today }, 'a kept ticket of another day is not printed; kept in print_jobs as expired');
        this.keeping('set a ticket aside', (jobs) => jobs.setAside(job.jobId, 'expired', `not printed on ${job.day}`));
        continue;
      }
      let bytes: Buffer;
      try {
        bytes = encodeTicket(layoutTicket(job.content as TicketContent, this.config.width), profileOf(this.config));
      } catch (err) {
        this.log.error({ jobId: job.jobId, err: String(err) }, 'a kept ticket cannot be laid out; kept in print_jobs as failed');
        this.keeping('set a ticket aside', (jobs) => jobs.setAside(job.jobId, 'failed', 'layout'));
        continue;
      }
      this.enqueue(job, bytes, false);
      queued++;
    }
    if (queued) this.log.info({ queued }, 'tickets kept from before the restart queued again');
  }

  /** Hands a job to the queue and remembers whom to tell; `reprint` sends it even if it printed before. */
  private enqueue(job: Pick<PrintJobRecord, 'jobId' | 'bookingId' | 'actor'>, bytes: Buffer, reprint: boolean): JobState {
    this.latest.set(job.bookingId, job.jobId);
    this.actorOf.set(job.jobId, job.actor);
    this.enqueuing = true;
    try {
      return reprint ? this.queue!.reprint(job.jobId, bytes) : this.queue!.enqueue(job.jobId, bytes);
    } finally {
      this.enqueuing = false;
    }
  }

  /**
   * Runs a write or read of the kept tickets. A failing disk must not stop a ticket from printing
   * nor escape into the queue's loop: the ticket then prints from memory only, and the log says so.
   */
  private keeping<T>(what: string, run: (jobs: PrintJobs) => T): T | undefined {
    if (!this.jobs) return undefined;
    try {
      return run(this.jobs);
    } catch (err) {
      this.log.error({ what, err: String(err) }, 'the kept tickets table failed; the ticket prints from memory only');
      return undefined;
    }
  }

  private onJob(job: JobState): void {
    this.keepTrack(job);
    const bookingId = job.id.split('#')[0]!;
    if (this.latest.get(bookingId) !== job.id) return;
    const actor = this.actorOf.get(job.id);
    if (actor) this.ports?.emitToActor(actor, 'print', { bookingId, status: job.status, problem: job.problem });
    if (job.status === 'printed' || job.status === 'failed') this.actorOf.delete(job.id);
  }

  /** Mirrors a job's progress in the store: gone once printed, set aside if it failed for good. */
  private keepTrack(job: JobState): void {
    if (job.status === 'printing') {
      if (!this.enqueuing) this.sent.add(job.id);
      return;
    }
    const wasSent = this.sent.delete(job.id);
    if (job.status === 'printed') this.keeping('forget a printed ticket', (jobs) => jobs.remove(job.id));
    else if (job.status === 'failed') this.keeping('set a ticket aside', (jobs) => jobs.setAside(job.id, 'failed', job.problem));
    else if (wasSent) this.keeping('count an attempt', (jobs) => jobs.attempted(job.id));
  }

  private onPrinter(state: QueueState, linkName: string): void {
    if (!this.ports) return;
    this.ports.emitToRole('kiosk', 'printer', printerView(state));
    this.ports.devices.report({
      id: 'printer',
      kind: 'printer',
      name: linkName,
      state: state.state === 'ok' ? 'ok' : state.state === 'paper_near_end' ? 'degraded' : 'down',
      detail: `${state.state}; ${state.queued} queued`,
    });
  }

  /** The job a committed ticket makes: laid out now, numbered apart for a reprint. */
  private jobFor(ticket: TicketView, code: string, forActor: string, now: number): NewPrintJob {
    const content = ticketContent(this.ports!.config, ticket, code, now);
    // A reprint is a job of its own, so the first ticket's "printed" is not taken for it.
    const jobId = ticket.reprint ? `${ticket.bookingId}#r${++this.reprints}` : ticket.bookingId;
    return { jobId, bookingId: ticket.bookingId, actor: forActor, day: content.printedAt.date, content, createdAt: now };
  }

  /**
   * The device outbox: writes the ticket's job inside the transaction of the change that makes it
   * (FloorService.run's `also`), so a committed ticket always has its job. A failure here rolls the
   * change back rather than leave a checked-in citizen without a ticket. `print` then sends it.
   */
  keep(ticket: TicketView, code: string, forActor: string, now: number): void {
    if (!this.ports || !this.jobs) return;
    const record = this.jobFor(ticket, code, forActor, now);
    this.jobs.add(record);
    this.kept.set(ticket.bookingId, record);
  }

  print(ticket: TicketView, forActor: string): PrintView {
    const ports = this.ports;
    const queue = this.queue;
    if (!ports || !queue) return { bookingId: ticket.bookingId, status: 'failed', problem: 'offline' };
    let record = this.kept.get(ticket.bookingId);
    this.kept.delete(ticket.bookingId);
    if (record && record.actor === forActor) {
      // What the answer learnt after the commit (the wait ahead) goes on the paper too; the kept row,
      // printed only after a crash, says the rest.
      const kept = record.content as TicketContent;
      record = { ...record, content: { ...ticketContent(ports.config, ticket, kept.code, record.createdAt), printedAt: kept.printedAt } };
    }
    if (!record || record.actor !== forActor) {
      // A caller that wrote no job in its transaction: kept now, before it is queued.
      const code = ports.floor.state().bookings.get(ticket.bookingId)?.code ?? ticket.bookingId;
      record = this.jobFor(ticket, code, forActor, ports.now());
      const kept = record;
      this.keeping('keep a queued ticket', (jobs) => jobs.add(kept));
    }
    const bytes = encodeTicket(layoutTicket(record.content as TicketContent, this.config.width), profileOf(this.config));
    const job = this.enqueue(record, bytes, ticket.reprint);
    // A ticket the queue printed before is answered as printed and not sent again: nothing to keep.
    const jobId = record.jobId;
    if (job.status === 'printed') this.keeping('forget a printed ticket', (jobs) => jobs.remove(jobId));
    return { bookingId: ticket.bookingId, status: job.status, problem: job.problem };
  }

  /**
   * How a ticket's printing went, for a retried command: from the queue, else from the device outbox.
   * A committed ticket's job is written with it and removed only once printed, so a booking with
   * jobs kept before and none left has printed.
   */
  progress(bookingId: string): PrintView | null {
    const jobId = this.latest.get(bookingId);
    const job = jobId ? this.queue?.job(jobId) : null;
    if (job) return { bookingId, status: job.status, problem: job.problem };
    if (!this.jobs) return null;
    const kept = this.keeping('read a kept ticket', (jobs) => jobs.latestOf(bookingId));
    if (kept === undefined) return { bookingId, status: 'printed', problem: null };
    if (kept.state === 'queued') return { bookingId, status: 'waiting', problem: null };
    return { bookingId, status: 'failed', problem: (kept.problem as PrintView['problem']) ?? null };
  }

  status(): PrinterView {
    return this.queue ? printerView(this.queue.state()) : { state: 'offline', queued: 0 };
  }

  async close(): Promise<void> {
    await this.queue?.close();
    await this.virtual?.close();
  }
}
