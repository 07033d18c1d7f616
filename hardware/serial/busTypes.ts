/**
 * What travels on the desk bus, whatever the driver: commands to LED number displays, keypad presses,
 * a contact module's input (a dry contact such as the building's alarm relay) and acknowledgements.
 * A driver turns these into its frames and back.
 */
export const KEYS = ['next', 'recall', 'start', 'finish', 'noShow'] as const;
export type Key = (typeof KEYS)[number];

export type DisplayCommand =
  | { kind: 'number'; number: number; blink: number }
  | { kind: 'blink'; times: number }
  | { kind: 'clear' }
  | { kind: 'text'; text: string }
  | { kind: 'alert' }
  /** Asks a device to answer, to learn whether it is there. */
  | { kind: 'ping' }
  /** Asks a contact module for its input's state; the answer is a `contact` frame, not an ack. */
  | { kind: 'query' };

/** A frame from a device, as the hub reads it. */
export type DeviceFrame =
  | { kind: 'ack'; address: number }
  /** `seq` tells a retransmitted press from a new one; null where the driver has none. */
  | { kind: 'press'; address: number; key: Key; seq: number | null }
  /** A contact module's input: sent on every change and as the answer to a query; `seq` counts changes. */
  | { kind: 'contact'; address: number; closed: boolean; seq: number };

/** A frame from the hub, as a device (or the simulator) reads it. */
export type HubFrame =
  | { kind: 'command'; address: number; command: DisplayCommand }
  | { kind: 'ack'; address: number; seq: number | null };

/** Reads frames out of a byte stream, skipping noise until the next frame starts. */
export interface FrameReader<F> {
  push(chunk: Buffer): F[];
  /** Bytes skipped as noise so far. */
  readonly skipped: number;
}

export interface BusDriver {
  readonly name: 'talon' | 'qsystem';
  /** Hub → device. */
  command(address: number, command: DisplayCommand): Buffer;
  /** Acks a press, or a contact report (same frame: the address and the report's sequence number). */
  ackPress(address: number, seq: number | null): Buffer;
  /** Whether the driver's devices include contact modules (answer `query`, send `contact`). */
  readonly contacts: boolean;
  deviceReader(): FrameReader<DeviceFrame>;
  /** Device side, for the simulator. */
  press(address: number, key: Key, seq: number): Buffer | null;
  /** A contact module's report; null where the driver has no such device. */
  contact(address: number, closed: boolean, seq: number): Buffer | null;
  ack(address: number): Buffer;
  hubReader(): FrameReader<HubFrame>;
}
