/** The ticket printer: layout, ESC/POS, links, status and the queue, for the hub to wire. */
export { CODEPAGES, encodeText, type Codepage } from './codepages.js';
export { encodeTicket } from './escpos.js';
export { EPSON_ESC_T, type PrinterProfile } from './profile.js';
export { layoutTicket, type TicketContent } from './ticketLayout.js';
export { PrintQueue, type JobState, type QueueState } from './printQueue.js';
export type { PrinterProblem } from './status.js';
export type { PrinterLink } from './transports/link.js';
export { tcpLink } from './transports/tcp.js';
export { serialLink } from './transports/serial.js';
export { spoolerLink, usbFileLink } from './transports/oneWay.js';
