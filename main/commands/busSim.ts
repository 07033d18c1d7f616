/**
 * `talon bus-sim --path PTY --addresses 1-6 [--driver talon|qsystem] [--baud 9600] [--contact 90]`:
 * LED displays and keypads on the far end of a serial line, for the demo and for trying a hub without
 * hardware. It prints what each display shows; type "3 next" (or recall, start, finish, noShow) to
 * press a key. With --contact it is also a contact module at that address (Talon driver), starting
 * open: type "contact on" to close it (the alarm relay: an alert) and "contact off" to open it.
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { KEYS, type Key } from '../../hardware/serial/busTypes.js';
import { DeviceSimulator } from '../../hardware/serial/deviceSimulator.js';
import { qsystemDriver } from '../../hardware/serial/qsystemFrames.js';
import { talonDriver } from '../../hardware/serial/talonFrames.js';

export class BusSimUsageError extends Error {}

/** "1-6", "1,3,5" or "2-4,9" → the addresses, each 1–99. */
export function parseAddresses(spec: string): number[] {
  const out = new Set<number>();
  for (const part of spec.split(',')) {
    const m = /^(\d{1,2})(?:-(\d{1,2}))?$/.exec(part.trim());
    if (!m) throw new BusSimUsageError(`--addresses: "${part}" is not N or N-M`);
    const from = Number(m[1]);
    const to = m[2] ? Number(m[2]) : from;
    if (from < 1 || to > 99 || from > to) throw new BusSimUsageError(`--addresses: ${part} is outside 1–99`);
    for (let a = from; a <= to; a++) out.add(a);
  }
  return [...out];
}

export async function startBusSim(options: {
  path: string;
  addresses: number[];
  driver: 'talon' | 'qsystem';
  baudRate?: number;
  /** A contact module's address, its input open at the start. */
  contact?: number;
  log?: (l: string) => void;
}): Promise<DeviceSimulator> {
  const log = options.log ?? console.log;
  const sim = new DeviceSimulator({
    path: options.path,
    addresses: options.addresses,
    ...(options.contact !== undefined && { contacts: { [options.contact]: false } }),
    driver: options.driver === 'qsystem' ? qsystemDriver : talonDriver,
    baudRate: options.baudRate ?? 9600,
  });
  sim.on('display', (address, state) => {
    const shown = state.alert ? '⚠' : state.text || '(blank)';
    log(`bus-sim: display ${address}: ${shown}${state.blinks ? ` (blinks ${state.blinks})` : ''}`);
  });
  return sim.start();
}

export async function busSim(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      path: { type: 'string' },
      addresses: { type: 'string', default: '1-6' },
      driver: { type: 'string', default: 'talon' },
      baud: { type: 'string', default: '9600' },
      contact: { type: 'string' },
    },
  });
  if (!values.path) throw new BusSimUsageError('bus-sim needs --path (the simulator’s end of the serial line)');
  if (values.driver !== 'talon' && values.driver !== 'qsystem') throw new BusSimUsageError('--driver is talon or qsystem');
  const baudRate = Number(values.baud);
  if (!Number.isInteger(baudRate) || baudRate <= 0) throw new BusSimUsageError(`--baud ${values.baud} is not a line speed`);
  const addresses = parseAddresses(values.addresses!);
  let contact: number | undefined;
  if (values.contact !== undefined) {
    contact = Number(values.contact);
    if (values.driver !== 'talon') throw new BusSimUsageError('--contact needs the talon driver: QSystem has no contact module');
    if (!/^\d{1,2}$/.test(values.contact) || contact < 1) throw new BusSimUsageError(`--contact ${values.contact} is not an address 1–99`);
    if (addresses.includes(contact)) throw new BusSimUsageError(`--contact ${contact} is also a display's address`);
  }
  const sim = await startBusSim({ path: values.path, addresses, driver: values.driver, baudRate, ...(contact !== undefined && { contact }) });
  console.log(`bus-sim: ${values.driver} displays and keypads at ${addresses.join(', ')} on ${values.path}; type "ADDRESS KEY" (${KEYS.join(', ')})`);
  if (contact !== undefined) console.log(`bus-sim: contact module at ${contact}, open; type "contact on" (closed: alert) or "contact off" (open)`);
  const input = createInterface({ input: process.stdin });
  input.on('line', (line) => {
    const c = /^\s*contact\s+(on|off)\s*$/.exec(line);
    if (c) {
      if (contact === undefined) {
        console.log('bus-sim: no contact module (start with --contact ADDRESS)');
        return;
      }
      const closed = c[1] === 'on';
      void sim.setContact(contact, closed).then((acked) => console.log(`bus-sim: contact ${contact}: ${closed ? 'closed' : 'open'}: ${acked ? 'acked' : 'no ack from the hub'}`));
      return;
    }
    const m = /^\s*(\d{1,2})\s+(\w+)\s*$/.exec(line);
    if (!m || !(KEYS as readonly string[]).includes(m[2]!)) {
      console.log(`bus-sim: "ADDRESS KEY", key one of ${KEYS.join(', ')}${contact === undefined ? '' : ', or "contact on" / "contact off"'}`);
      return;
    }
    void sim.press(Number(m[1]), m[2] as Key).then((acked) => console.log(`bus-sim: ${m[1]} ${m[2]}: ${acked ? 'acked' : 'no ack from the hub'}`));
  });
  const lineDown = new Promise<string>((resolve) => sim.once('lineDown', resolve));
  const outcome = await Promise.race([
    new Promise<'signal'>((resolve) => {
      process.once('SIGINT', () => resolve('signal'));
      process.once('SIGTERM', () => resolve('signal'));
    }),
    lineDown,
  ]);
  console.log(outcome === 'signal' ? 'bus-sim: stopping' : `bus-sim: stopping: the line went down (${outcome})`);
  input.close();
  // stdin would keep the process alive after the simulator stops.
  process.stdin.destroy();
  await sim.close();
  return outcome === 'signal' ? 0 : 1;
}
