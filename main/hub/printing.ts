/**
 * The hub's ticket printer (TicketPrinter): a committed ticket is laid out, encoded for the
 * configured printer's profile and queued; progress goes to the kiosk that checked in as `print`
 * events, the printer's state to every kiosk as `printer` and to the device list. With
 * `transport: virtual` the hub starts its own virtual printer on loopback and keeps the PNGs.
 */
import { join } from 'node:path';
import { localParts } from '../core/clock.js';
import type { TalonConfig } from '../config/schema.js';
import { encodeTicket } from '../../hardware/printer/escpos.js';
import { PrintQueue, type JobState, type QueueState } from '../../hardware/printer/printQueue.js';
import type { PrinterProfile } from '../../hardware/printer/profile.js';
import { layoutTicket, type TicketContent } from '../../hardware/printer/ticketLayout.js';
import { spoolerLink, usbFileLink } from '../../hardware/printer/transports/oneWay.js';
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
  };
}

function printerView(q: QueueState): PrinterView {
  return { state: q.state, queued: q.queued };
}

export class HubPrinter implements TicketPrinter {
  readonly name = 'printer';
  private ports: HubPorts | null = null;
  private queue: PrintQueue | null = null;
  /** The virtual printer this hub started (transport: virtual). */
  virtual: VirtualPrinter | null = null;
  /** bookingId → the id of its latest print job; job id → the actor to tell. */
  private readonly latest = new Map<string, string>();
  private readonly actorOf = new Map<string, string>();
  private reprints = 0;

  constructor(private readonly config: PrinterConfig, private readonly options: PrintingOptions = {}) {}

  async attach(ports: HubPorts): Promise<void> {
    this.ports = ports;
    let link = this.options.link;
    if (!link && this.config.transport === 'virtual') {
      this.virtual = await startVirtualPrinter({
        port: this.config.address ? Number(this.config.address.split(':').pop()) : 0,
        pngDir: this.config.pngDir ?? join(ports.config.data.dir, 'tickets'),
        columns: this.config.width,
      });
      link = tcpLink(this.virtual.address);
      ports.log(`printer: virtual printer on ${this.virtual.address}, tickets as PNG in ${this.config.pngDir ?? join(ports.config.data.dir, 'tickets')}`);
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
  }

  private onJob(job: JobState): void {
    const bookingId = job.id.split('#')[0]!;
    if (this.latest.get(bookingId) !== job.id) return;
    const actor = this.actorOf.get(job.id);
    if (actor) this.ports?.emitToActor(actor, 'print', { bookingId, status: job.status, problem: job.problem });
    if (job.status === 'printed' || job.status === 'failed') this.actorOf.delete(job.id);
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

  print(ticket: TicketView, forActor: string): PrintView {
    const ports = this.ports;
    const queue = this.queue;
    if (!ports || !queue) return { bookingId: ticket.bookingId, status: 'failed', problem: 'offline' };
    const code = ports.floor.state().bookings.get(ticket.bookingId)?.code ?? ticket.bookingId;
    const bytes = encodeTicket(layoutTicket(ticketContent(ports.config, ticket, code, ports.now()), this.config.width), profileOf(this.config));
    // A reprint is a job of its own, so the first ticket's "printed" is not taken for it.
    const jobId = ticket.reprint ? `${ticket.bookingId}#r${++this.reprints}` : ticket.bookingId;
    this.latest.set(ticket.bookingId, jobId);
    this.actorOf.set(jobId, forActor);
    const job = ticket.reprint ? queue.reprint(jobId, bytes) : queue.enqueue(jobId, bytes);
    return { bookingId: ticket.bookingId, status: job.status, problem: job.problem };
  }

  progress(bookingId: string): PrintView | null {
    const jobId = this.latest.get(bookingId);
    const job = jobId ? this.queue?.job(jobId) : null;
    return job ? { bookingId, status: job.status, problem: job.problem } : null;
  }

  status(): PrinterView {
    return this.queue ? printerView(this.queue.state()) : { state: 'offline', queued: 0 };
  }

  async close(): Promise<void> {
    await this.queue?.close();
    await this.virtual?.close();
  }
}
