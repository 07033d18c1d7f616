/**
 * A serial QR scanner beside a kiosk (HubExtension): each scanned code checks in as that kiosk, through
 * the same path as the kiosk page's `checkIn`, so the kiosk gets the `print` events and the same
 * refusals. The keyboard-wedge scanner needs none of this: it types into the kiosk page.
 */
import { createHash } from 'node:crypto';
import type { Duplex } from 'node:stream';
import type { TalonConfig } from '../config/schema.js';
import { openSerial } from '../../hardware/serial/deskBus.js';
import { SerialScanner } from '../../hardware/scanner/serialScanner.js';
import type { Ack } from '../../sync/protocol/hub.js';
import type { HubExtension, HubPorts } from './extensions.js';

export type ScannerConfig = NonNullable<TalonConfig['scanner']>;

export class ScannerBridge implements HubExtension {
  readonly name = 'scanner';
  scanner: SerialScanner | null = null;
  private ports: HubPorts | null = null;
  private scans = 0;
  /** The acks of check-ins from scans, for tests and the log. */
  readonly onCheckIn: ((code: string, ack: Ack) => void)[] = [];

  constructor(private readonly config: ScannerConfig, private readonly open: (path: string, baudRate: number) => Promise<Duplex> = openSerial) {}

  async attach(ports: HubPorts): Promise<void> {
    this.ports = ports;
    const scanner = new SerialScanner({ path: this.config.path, baudRate: this.config.baudRate, open: this.open });
    this.scanner = scanner;
    const report = (up: boolean, detail: string) =>
      ports.devices.report({ id: 'scanner', kind: 'scanner', name: `QR scanner ${this.config.path}`, state: up ? 'ok' : 'down', detail });
    scanner.on('line', ({ up, detail }) => report(up, detail));
    scanner.on('code', (code) => void this.scanned(code));
    if (!(await scanner.start())) report(false, 'cannot open the line; retrying');
  }

  private async scanned(code: string): Promise<void> {
    const ports = this.ports!;
    // One scan, one command: the id is fresh per scan (the scanner already drops repeated reads).
    const commandId = `scan-${createHash('sha256').update(`${code}:${ports.now()}:${++this.scans}`).digest('hex').slice(0, 24)}`;
    const ack = await ports.dispatch({ role: 'kiosk', id: `kiosk:${this.config.kiosk}` }, 'checkIn', { commandId, code });
    if (!ack.ok) ports.log.child({ component: 'scanner' }).debug({ code: ack.error.code, kiosk: this.config.kiosk }, 'check-in of a scanned code refused (logged as a refused command)');
    // The kiosk page did not send this check-in: it shows the ticket or the refusal from this event.
    ports.emitToActor(`kiosk:${this.config.kiosk}`, 'scanned', { ack });
    for (const f of this.onCheckIn) f(code, ack);
  }

  async close(): Promise<void> {
    await this.scanner?.close();
  }
}
