/** The kiosk's screens as data: which one is up and what it shows. Nothing here outlives a return to start. */
import type { HubError, LicenceView, PrintView, ServiceOffer, TicketView } from '../../sync/protocol/hub.js';

export type PersonKind = 'phone' | 'taxId' | 'edrpou';

export type Screen =
  | { kind: 'start' }
  | { kind: 'code'; entry: string }
  | { kind: 'busy' }
  | { kind: 'ticket'; ticket: TicketView; print: PrintView }
  | { kind: 'refusal'; error: HubError; retry: (() => void) | null }
  | { kind: 'bookService' }
  | { kind: 'bookTime'; service: ServiceOffer }
  | { kind: 'bookPerson'; service: ServiceOffer; time: string; person: PersonKind; entry: string }
  | { kind: 'licenceEntry'; entry: string }
  /** The second factor: the last four digits of the applicant's phone from the application. */
  | { kind: 'licenceFactor'; applicationNumber: string; entry: string }
  | { kind: 'licence'; licence: LicenceView; phoneLast4: string };

/** How many digits each way of identifying a person takes (a phone: the 9 after +380). */
export const PERSON_DIGITS: Record<PersonKind, number> = { phone: 9, taxId: 10, edrpou: 8 };

export function personValue(kind: PersonKind, digits: string): string {
  return kind === 'phone' ? `+380${digits}` : digits;
}

/** Whether the citizen should be told the ticket did not print (the check-in itself is kept). */
export function printTrouble(print: PrintView, printerState: string): boolean {
  if (print.status === 'failed') return true;
  if (print.status === 'waiting' && print.problem !== null) return true;
  return (print.status === 'printing' || print.status === 'waiting') && !['ok', 'none', 'paper_near_end'].includes(printerState);
}
