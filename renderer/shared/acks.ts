/**
 * What each command's acknowledgement carries besides `ok` (docs/hub-protocol.md), typed from the
 * shared views in sync/protocol/hub.ts.
 */
import type {
  AlertView, BookingView, PairedDeviceView, CallView, DayReport, DeskView, DeviceView, FloorView, LicenceView, LinkView, Namespace, PeriodReport, Person, PrinterView, PrintView, ServiceOffer, Snapshot, StatsView, TicketView,
} from '../../sync/protocol/hub.js';

export type { DayReport };

type Ticketed = { ticket: TicketView; print: PrintView };
type Called = { call: CallView; desk: DeskView };
type Desked = { desk: DeskView };

export interface AckBodies {
  kiosk: {
    checkIn: Ticketed;
    services: { services: ServiceOffer[] };
    book: Ticketed;
    licence: { licence: LicenceView };
    licencePickup: Ticketed;
  };
  desk: {
    callNext: Called;
    callNumber: Called;
    recall: Called;
    start: Desked;
    finish: Desked;
    noShow: Desked;
    transfer: Desked;
    pause: Desked;
    resume: Desked;
    reprint: Desked & { print: PrintView };
    sync: { snapshot: Snapshot };
  };
  board: Record<string, never>;
  admin: {
    alert: { alert: AlertView };
    suspendService: { service: string; suspended: boolean };
    report: { report: DayReport; stats: StatsView; floor: FloorView };
    reportFor: { report: PeriodReport };
    reportCsv: { filename: string; csv: string };
    bookings: { bookings: BookingView[] };
    pairDesk: { desk: number; code: string; expiresAt: number };
    devices: { devices: DeviceView[]; link: LinkView; printer: PrinterView };
    unblockPerson: { person: Pick<Person, 'kind'> };
    pairedDevices: { devices: PairedDeviceView[] };
    revokeDevice: { devices: PairedDeviceView[] };
  };
}

export type AckBody<N extends Namespace, E extends keyof AckBodies[N]> = AckBodies[N][E];
