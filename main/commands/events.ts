/**
 * `talon events rejected [--retry ID]`: the floor events central refused, with their codes, and
 * resending one after its cause was fixed (docs/operations.md). The event goes back into the outbox
 * with its id; a running hub pushes it at its next round.
 */
import { parseArgs } from 'node:util';
import { localParts } from '../core/clock.js';
import type { TalonConfig } from '../config/schema.js';
import { openStore } from '../store/index.js';
import { SyncStore } from '../store/syncStore.js';
import { storeFile } from '../hub/centre.js';
import type { RejectCode } from '../../sync/protocol/central.js';

export const EVENTS_USAGE = '  talon events rejected [--config FILE] [--retry ID]    the events central refused, with codes; --retry resends one';

/** What each refusal code means for the technician (codes: sync/protocol/central.ts). */
const MEANING: Record<RejectCode, string> = {
  BAD_EVENT: 'the event does not fit the protocol central speaks',
  UNKNOWN_TYPE: 'central is older than this hub and does not know the event type',
  UNKNOWN_BOOKING: 'central does not know the booking (imported from a file while central was away?)',
  OTHER_CENTRE: 'the booking belongs to another centre',
  SLOT_NOT_DELEGATED: 'a same-day booking in a slot central did not give this terminal',
  UNKNOWN_APPLICATION: 'central does not know the licence application',
  UNKNOWN_PERSON: 'central does not know the person being unblocked',
};

export async function eventsCommand(args: string[], resolveConfig: (explicit: string | undefined) => { config: TalonConfig }, out: (l: string) => void = console.log, err: (l: string) => void = console.error): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { config: { type: 'string' }, retry: { type: 'string' } }, allowPositionals: true });
  if (positionals.length !== 1 || positionals[0] !== 'rejected') {
    err(`talon events: usage:\n${EVENTS_USAGE}`);
    return 64;
  }
  const { config } = resolveConfig(values.config);
  const store = openStore(storeFile(config));
  try {
    const sync = new SyncStore(store);
    if (values.retry !== undefined) {
      if (!sync.retryRejected(values.retry)) {
        err(`talon events: no refused event has the id ${values.retry} (talon events rejected lists them)`);
        return 1;
      }
      out(`events: ${values.retry} is back in the outbox; the hub sends it at its next sync round`);
      return 0;
    }
    const rejected = sync.rejected();
    if (rejected.length === 0) {
      out('events: central has refused none');
      return 0;
    }
    const when = (at: number) => {
      const p = localParts(at, config.centre.timezone);
      return `${p.date} ${p.time}`;
    };
    out(`events: ${rejected.length} refused by central (oldest first)`);
    for (const e of rejected) {
      out(`  ${e.id}  seq ${e.seq}  ${e.type}  ${e.code}  at ${when(e.at)}, refused ${when(e.rejectedAt)}${e.booking ? `  booking ${e.booking}` : ''}`);
      const meaning = MEANING[e.code as RejectCode];
      if (meaning) out(`      ${meaning}`);
    }
    out('After fixing the cause: talon events rejected --retry ID');
    return 0;
  } finally {
    store.close();
  }
}
